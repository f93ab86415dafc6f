import type {
  IpcMainEventLike,
  IpcMainLike,
  WebContentsLike,
} from '../../../src/main/electron/ipc-transport';

/*
 * A fake of the Electron IPC plumbing a window uses: ipcMain (main side), ipcRenderer (what the
 * preload sees) and the window's webContents. Messages are structured-cloned and delivered on a
 * later microtask, as Electron delivers them.
 */

type MainListener = (event: IpcMainEventLike, ...args: unknown[]) => void;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Set<MainListener>>();

  on(channel: string, listener: MainListener): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }

  removeListener(channel: string, listener: MainListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /**
   * Delivers a message as if `sender` (from its top frame at `frameUrl`, or from a sub-frame
   * there) had sent it.
   */
  deliver(
    channel: string,
    sender: unknown,
    frameUrl: string | null,
    payload: unknown,
    frame: 'top' | 'sub' = 'top',
  ): void {
    const parent = frame === 'top' ? null : { url: frameUrl };
    const event: IpcMainEventLike = {
      sender,
      senderFrame: frameUrl === null ? null : { url: frameUrl, parent },
    };
    for (const listener of [...(this.listeners.get(channel) ?? [])])
      listener(event, structuredClone(payload));
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

/** One window: its webContents on the main side and the ipcRenderer its preload uses. */
export class FakeWindow {
  destroyed = false;
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  readonly webContents: WebContentsLike;
  readonly ipcRenderer: {
    send(channel: string, payload: unknown): void;
    on(channel: string, listener: RendererListener): void;
  };

  constructor(
    readonly ipcMain: FakeIpcMain,
    /** The URL of the page loaded in this window. */
    public pageUrl: string,
  ) {
    const rendererListeners = this.rendererListeners;
    const isDestroyed = () => this.destroyed;
    const currentPage = () => this.pageUrl;
    const webContents: WebContentsLike = {
      send(channel, ...args) {
        const payload = structuredClone(args[0]);
        queueMicrotask(() => {
          for (const listener of [...(rendererListeners.get(channel) ?? [])])
            listener({ sender: 'ipc' }, payload);
        });
      },
      isDestroyed,
    };
    this.webContents = webContents;
    this.ipcRenderer = {
      send(channel, payload) {
        const copy = structuredClone(payload);
        queueMicrotask(() => ipcMain.deliver(channel, webContents, currentPage(), copy));
      },
      on(channel, listener) {
        let set = rendererListeners.get(channel);
        if (!set) rendererListeners.set(channel, (set = new Set()));
        set.add(listener);
      },
    };
  }
}

export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
