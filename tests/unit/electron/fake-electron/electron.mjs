/*
 * A stand-in for the 'electron' module, just wide enough for .vite/build/main.js to boot under
 * plain Node (hooks.mjs maps the import here). It records what the app asks of Electron in
 * `globalThis.__fakeElectron` so boot-main.mjs can drive and inspect it. utilityProcess.fork
 * starts a real Node child on the built job-worker.js.
 */
import { fork as forkChild } from 'node:child_process';
import { EventEmitter } from 'node:events';

const calls = [];
/** Names of the calls made before app `ready`. */
const beforeReady = [];
let ready = false;
const record = (...entry) => {
  calls.push(entry);
  if (!ready) beforeReady.push(entry[0]);
};
const paths = {};
const handlers = {};
const windows = [];

const preventable = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

class FakeApp extends EventEmitter {
  isPackaged = false;
  enableSandbox() {
    record('enableSandbox');
  }
  setPath(name, value) {
    paths[name] = value;
  }
  getPath(name) {
    if (!paths[name]) throw new Error(`fake electron: no path ${name}`);
    return paths[name];
  }
  getName() {
    return 'DataPress';
  }
  getAppPath() {
    return process.cwd();
  }
  requestSingleInstanceLock() {
    record('singleInstanceLock');
    return true;
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return new Promise((resolve) =>
      setTimeout(() => {
        ready = true;
        this.emit('ready');
        resolve();
      }, 10),
    );
  }
  quit() {
    record('quit');
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) record('exited');
  }
  exit(code) {
    record('exit', code);
  }
}

export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('registerSchemes', schemes),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler) => (handlers.devicePermission = handler),
    webRequest: {
      onBeforeRequest: (handler) => (handlers.beforeRequest = handler),
      onHeadersReceived: (handler) => (handlers.headersReceived = handler),
    },
    on: (event, handler) => (handlers[event] = handler),
    protocol: { handle: (scheme, handler) => (handlers.protocol = { scheme, handler }) },
  },
};

export const ipcMain = new EventEmitter();

class FakeWebContents extends EventEmitter {
  sent = [];
  send(channel, message) {
    this.sent.push({ channel, message: structuredClone(message) });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows;
  }
  constructor(options) {
    super();
    this.options = options;
    this.progress = [];
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  maximize() {}
  restore() {}
  focus() {}
  show() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: this.options.width, height: this.options.height };
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  setProgressBar(value) {
    this.progress.push(value);
  }
}

export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) =>
    record(
      'menu',
      menu.template.map((item) => item.label ?? item.role),
    ),
};

export const dialog = {
  showErrorBox: (...args) => record('errorBox', ...args),
  showOpenDialog: async (...args) => {
    record('openDialog', args.at(-1)?.title);
    return { canceled: false, filePaths: ['/picked/folder'] };
  },
  showMessageBox: async (...args) => {
    record('messageBox', args.at(-1)?.message);
    return { response: 0 };
  },
};

// "Show in folder" and "open": recorded, never handed to a real file manager.
export const shell = {
  showItemInFolder: (path) => record('showItemInFolder', path),
  openPath: async (path) => {
    record('openPath', path);
    return '';
  },
};

export const utilityProcess = {
  fork(modulePath, args, options) {
    record('fork', modulePath, options);
    const child = forkChild(modulePath, args, { execArgv: options.execArgv, serialization: 'advanced' });
    const proc = new EventEmitter();
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    proc.postMessage = (message) => child.send(message);
    proc.kill = () => child.kill();
    return proc;
  },
};

export const contextBridge = {};
export const ipcRenderer = {};

globalThis.__fakeElectron = { app, calls, beforeReady, handlers, windows, ipcMain };
