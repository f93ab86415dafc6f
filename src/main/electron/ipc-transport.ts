import type { Transport } from '../../shared/rpc/transport';
import type { WireMessage } from '../../shared/rpc/wire';
import { parseWireMessage } from '../../shared/rpc/wire';
import { isAllowedOrigin, RPC_CHANNEL } from './security-policy';

/*
 * Written against the few members of ipcMain / WebContents it uses, not against electron's
 * types, so unit tests can drive it with fakes and plain Node can load it.
 */

export interface IpcMainEventLike {
  sender: unknown;
  /**
   * The frame that sent it (Electron's WebFrameMain): null when the frame navigated away or was
   * destroyed before the message was handled. `parent` is null only for the window's top frame.
   */
  senderFrame: { url: string; parent: object | null } | null;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEventLike, ...args: unknown[]) => void): unknown;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcTransportOptions {
  ipcMain: IpcMainLike;
  /** The one window this transport talks to; messages from any other sender are refused. */
  webContents: WebContentsLike;
  /** Origins (`scheme://host[:port]`) the window's page may come from. */
  allowedOrigins: readonly string[];
  channel?: string;
  /** Where refusals are reported; defaults to console.warn. */
  log?: (message: string) => void;
}

/**
 * The main-side end of the Electron IPC transport for one window. Incoming messages are
 * accepted only from that window's webContents, from its top frame, on the app's own origin,
 * and only when they decode as wire messages; everything else is dropped and logged.
 */
export function createIpcMainTransport(options: IpcTransportOptions): Transport {
  const { ipcMain, webContents, allowedOrigins } = options;
  const channel = options.channel ?? RPC_CHANNEL;
  const log = options.log ?? ((message: string) => console.warn(message));
  const handlers = new Set<(message: WireMessage) => void>();
  let closed = false;

  const listener = (event: IpcMainEventLike, ...args: unknown[]): void => {
    if (event.sender !== webContents) {
      log(`[ipc] refused a message on ${channel} from a foreign sender`);
      return;
    }
    // The preload runs only in the top frame, so a sub-frame (even one of the app's own origin)
    // holding a channel to it is something to refuse, not to serve.
    if (event.senderFrame && event.senderFrame.parent !== null) {
      log(`[ipc] refused a message on ${channel} from a sub-frame at ${event.senderFrame.url}`);
      return;
    }
    const frameUrl = event.senderFrame?.url;
    if (!isAllowedOrigin(frameUrl, allowedOrigins)) {
      log(`[ipc] refused a message on ${channel} from a frame at ${frameUrl ?? '(gone)'}`);
      return;
    }
    const message = parseWireMessage(args[0]);
    if (!message) {
      log(`[ipc] refused a malformed message on ${channel}`);
      return;
    }
    for (const handler of [...handlers]) handler(message);
  };

  ipcMain.on(channel, listener);

  return {
    send(message) {
      if (closed || webContents.isDestroyed()) return;
      webContents.send(channel, message);
    },
    onMessage(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      if (closed) return;
      closed = true;
      ipcMain.removeListener(channel, listener);
      handlers.clear();
    },
  };
}
