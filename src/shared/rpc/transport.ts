import type { WireMessage } from './wire';

/**
 * The only thing the RPC layer needs from a channel. In-memory pairs, Electron IPC and the
 * loopback WebSocket all implement these three methods, so client and server never know which
 * one carries them.
 */
export interface Transport {
  send(message: WireMessage): void;
  /** Registers a handler for incoming messages; returns a function that removes it. */
  onMessage(handler: (message: WireMessage) => void): () => void;
  close(): void;
}
