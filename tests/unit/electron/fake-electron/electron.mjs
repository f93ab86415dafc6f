/*
 * A stand-in for the 'electron' module, just wide enough for .vite/build/main.js to boot under
 * plain Node (hooks.mjs maps the import here). It records what the app asks of Electron in
 * `globalThis.__fakeElectron` so boot-main.mjs can drive and inspect it. utilityProcess.fork
 * starts a real Node child on the built job-worker.js, or, once a driver sets
 * `__fakeElectron.scriptJobs`, hands back a ScriptedJob that the driver moves by hand.
 *
 * Knobs for the desktop-*.test.ts drivers: FAKE_ELECTRON_LOCK=denied (another instance holds
 * the single-instance lock), FAKE_ELECTRON_PACKAGED=1 (app.isPackaged), FAKE_ELECTRON_DISPLAYS
 * (JSON list of work areas, primary first), `__fakeElectron.messageBoxResponse` (the button the
 * user clicks; 0 = Quit, the default).
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

// A packaged app finds its resources beside app.asar: here, the app folder the test runs in.
const packaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
if (packaged) process.resourcesPath ??= process.cwd();

class FakeApp extends EventEmitter {
  isPackaged = packaged;
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
    return process.env.FAKE_ELECTRON_LOCK !== 'denied';
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return new Promise((resolve) =>
      setTimeout(() => {
        becomeReady();
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

/** Electron gets ready whether or not the app asked `whenReady`; a driver can say when. */
function becomeReady() {
  if (ready) return;
  ready = true;
  app.emit('ready');
}

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
  // Window state a driver may set by hand, as the user would by dragging or minimising.
  maximized = false;
  minimized = false;
  bounds = null;
  maximize() {
    record('maximize');
    this.maximized = true;
  }
  minimize() {
    this.minimized = true;
  }
  restore() {
    record('restore');
    this.minimized = false;
  }
  focus() {
    record('focus');
  }
  show() {}
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    const { x = 10, y = 20, width, height } = this.options;
    return this.bounds ?? { x, y, width, height };
  }
  loadURL(url) {
    this.url = url;
    return Promise.resolve();
  }
  setProgressBar(value) {
    this.progress.push(value);
  }
}

const displays = (
  process.env.FAKE_ELECTRON_DISPLAYS
    ? JSON.parse(process.env.FAKE_ELECTRON_DISPLAYS)
    : [{ x: 0, y: 0, width: 1920, height: 1080 }]
).map((workArea, index) => ({ id: index + 1, workArea }));

export const screen = {
  getPrimaryDisplay: () => displays[0],
  getAllDisplays: () => displays,
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  // The top-level titles, then the whole template (roles, labels, separators: all plain data).
  setApplicationMenu: (menu) =>
    record(
      'menu',
      menu.template.map((item) => item.label ?? item.role),
      menu.template,
    ),
};

export const dialog = {
  showErrorBox: (...args) => record('errorBox', ...args),
  showOpenDialog: async (...args) => {
    record('openDialog', args.at(-1)?.title);
    return { canceled: false, filePaths: ['/picked/folder'] };
  },
  // The third entry says whether the box is modal to a window (showMessageBox(window, options)).
  showMessageBox: async (...args) => {
    record('messageBox', args.at(-1)?.message, args.length > 1 ? 'window' : 'app');
    return { response: globalThis.__fakeElectron.messageBoxResponse ?? 0 };
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

/**
 * A job process the driver moves by hand: `progress(fraction, phase)`, `succeed()`, `fail()`.
 * It stops as a real worker does when cancelled: it says so, then exits.
 */
class ScriptedJob extends EventEmitter {
  posted = [];
  exited = false;
  postMessage(message) {
    this.posted.push(message);
    if (message.type === 'cancel')
      setImmediate(() => {
        this.emit('message', { type: 'error', code: 'cancelled', message: 'cancelled' });
        this.exit(0);
      });
  }
  progress(fraction, phase) {
    this.emit('message', { type: 'progress', phase, done: 1, total: 2, fraction });
  }
  succeed() {
    this.emit('message', { type: 'result', result: { scripted: true } });
    this.exit(0);
  }
  fail() {
    this.emit('message', { type: 'error', code: 'internal', message: 'scripted failure' });
    this.exit(1);
  }
  exit(code) {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
  }
  kill() {
    this.exit(1);
    return true;
  }
}
const scriptedJobs = [];

export const utilityProcess = {
  fork(modulePath, args, options) {
    record('fork', modulePath, options);
    if (globalThis.__fakeElectron.scriptJobs) {
      const job = new ScriptedJob();
      scriptedJobs.push(job);
      return job;
    }
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

globalThis.__fakeElectron = {
  app,
  calls,
  beforeReady,
  handlers,
  windows,
  ipcMain,
  becomeReady,
  scriptJobs: false,
  scriptedJobs,
  messageBoxResponse: 0,
};
