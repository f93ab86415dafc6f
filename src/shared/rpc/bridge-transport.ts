import type { Transport } from './transport';
import type { WireMessage } from './wire';
import { parseWireMessage } from './wire';

/**
 * The narrow object the Electron preload exposes on `window.datapress`. Everything crossing it
 * is structured-cloned by Electron, so the renderer treats what arrives as untrusted input.
 */
export interface DatapressBridge {
  send(message: unknown): void;
  /** Registers a listener for messages from the main side; returns a function that removes it. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/**
 * Renderer-side Transport over the preload bridge. Pure TypeScript: no DOM, no Node, so the
 * renderer and unit tests load it alike. Incoming values that are not wire messages are dropped.
 */
export function createBridgeTransport(bridge: DatapressBridge): Transport {
  const handlers = new Set<(message: WireMessage) => void>();
  let closed = false;

  const unsubscribe = bridge.onMessage((raw) => {
    if (closed) return;
    const message = parseWireMessage(raw);
    if (!message) return;
    for (const handler of [...handlers]) handler(message);
  });

  return {
    send(message) {
      // Throwing lets the RPC client fail the call at once instead of waiting forever.
      if (closed) throw new Error('bridge transport is closed');
      bridge.send(message);
    },
    onMessage(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      unsubscribe();
    },
  };
}
