/*
 * Runs sandboxed in the window before the page. Exposes exactly one object, `window.datapress`,
 * with two functions; no Electron or Node object crosses the bridge, not even the IPC event.
 */
import '../../shared/zod-jitless';
import { contextBridge, ipcRenderer } from 'electron';
import { parseWireMessage } from '../../shared/rpc/wire';
import type { DatapressBridge } from '../../shared/rpc/bridge-transport';
import { BRIDGE_NAME, RPC_CHANNEL } from './security-policy';

const listeners = new Set<(message: unknown) => void>();

ipcRenderer.on(RPC_CHANNEL, (_event, message: unknown) => {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      console.error('[datapress] message listener failed', error);
    }
  }
});

const bridge: DatapressBridge = {
  send(message: unknown): void {
    // Only well-formed wire messages leave the page; zod's output also drops unknown keys.
    const parsed = parseWireMessage(message);
    if (!parsed) throw new TypeError('datapress.send: not a wire message');
    ipcRenderer.send(RPC_CHANNEL, parsed);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    if (typeof listener !== 'function')
      throw new TypeError('datapress.onMessage: listener must be a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
