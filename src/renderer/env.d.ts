/// <reference types="svelte" />

declare global {
  interface Window {
    /** Set by the Electron preload script; absent in a plain browser. */
    datapress?: unknown;
  }
}

export {};
