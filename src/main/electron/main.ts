/*
 * The desktop app's entry: lifecycle, one window, the backend, nothing else. The backend is the
 * same composition root the CLI and the headless server use; this file only wires it to Electron
 * (IPC transport, utilityProcess jobs, taskbar progress, quit confirmation).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  session,
  shell,
  utilityProcess,
  type MessageBoxOptions,
} from 'electron';
import { join } from 'node:path';
import { createBackend, type Backend } from '../api/backend';
import { closeForQuit, jobsOfBackend, resumeRecordedJobs } from '../jobs/resume-on-start';
import { buildAppMenu } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenSession, hardenWebContents } from './hardening';
import { createIpcMainTransport } from './ipc-transport';
import { createMainWindow } from './main-window';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, devContentSecurityPolicy, originOf } from './security-policy';
import { handleSquirrelEvent } from './squirrel-startup';
import { createUtilityLauncher, type ProcessGoneDetails } from './utility-launcher';

const log = (message: string) => console.warn(message);

// Set by Forge's Vite plugin (or vite.main.config.ts); `typeof` keeps an unset one harmless.
const devServerUrl =
  typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL
    ? MAIN_WINDOW_VITE_DEV_SERVER_URL
    : undefined;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
const buildDir = import.meta.dirname;

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;
let quitConfirmed = false;
let confirmingQuit = false;

// Everything up to the lock must happen before `ready`, at module evaluation.
registerAppScheme();
app.enableSandbox();
// Tests (and power users) can point the app at a throwaway data folder.
if (process.env.DATAPRESS_USER_DATA) app.setPath('userData', process.env.DATAPRESS_USER_DATA);

if (handleSquirrelEvent(() => app.quit())) {
  // Installer run: Squirrel's shortcut work is under way, then the app quits.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) {
      if (app.isReady() && backend) openMainWindow(backend);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && backend && !mainWindow) openMainWindow(backend);
  });
  app.on('before-quit', (event) => guardQuit(event));
  app.on('will-quit', (event) => {
    if (!backend) return;
    // Give the backend a chance to stop jobs and close databases, then quit for real. The jobs
    // this stops are recorded first, to resume at the next start.
    event.preventDefault();
    const closing = backend;
    backend = null;
    void withTimeout(closeForQuit(closing, workspaceDirectory(), log), 10_000)
      .catch((error: unknown) => log(`[app] backend did not close cleanly: ${String(error)}`))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'DataPress could not start',
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      app.exit(1);
    });
}

function start(): void {
  const resourcesDir = resourcesDirectory();
  const pageOrigin = devServerUrl ? originOf(devServerUrl) : APP_ORIGIN;
  if (!pageOrigin) throw new Error(`bad dev server URL: ${devServerUrl}`);
  const requestOrigins = [pageOrigin];
  if (devServerUrl) requestOrigins.push(pageOrigin.replace(/^http/, 'ws'));

  hardenSession(
    session.defaultSession,
    {
      pageOrigins: [pageOrigin],
      requestOrigins,
      csp: devServerUrl ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY,
    },
    log,
  );
  serveRenderer(session.defaultSession, join(buildDir, '..', 'renderer', rendererName));

  const launcher = createUtilityLauncher({
    workerPath: join(buildDir, 'job-worker.js'),
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    onProcessGone: (listener) => {
      const handler = (_event: unknown, details: ProcessGoneDetails) => listener(details);
      app.on('child-process-gone', handler);
      return () => app.removeListener('child-process-gone', handler);
    },
    log,
  });
  const workspace = workspaceDirectory();
  const started = createBackend({
    workspace,
    resourcesDir,
    launcher,
    // The native picker: the renderer never sees the file system, only the path the user chose.
    pickFolder: async ({ title, purpose }) => {
      const options = {
        title,
        properties:
          purpose === 'export'
            ? (['openDirectory', 'createDirectory'] as const)
            : (['openDirectory'] as const),
      };
      const window = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
      const picked = window
        ? await dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
        : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    // The API checks the path first (see api/show-path.ts): "open" is only for reports in the workspace.
    showPaths: {
      showInFolder: (path) => shell.showItemInFolder(path),
      openFile: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
    },
  });
  backend = started;
  started.onJobProgress((fraction) => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    // -1 removes the taskbar/dock progress; values are clamped because a bar cannot overflow.
    mainWindow.setProgressBar(fraction === null ? -1 : Math.min(1, Math.max(0, fraction)));
  });

  Menu.setApplicationMenu(
    buildAppMenu({ appName: app.getName(), isMac: process.platform === 'darwin', devTools: !app.isPackaged }),
  );
  openMainWindow(started);
  // After the window: the jobs the last quit stopped start again, and the Jobs view shows them.
  resumeRecordedJobs(workspace, jobsOfBackend(started), log);
}

function openMainWindow(owner: Backend): void {
  const pageOrigin = devServerUrl ? originOf(devServerUrl) : APP_ORIGIN;
  const window = createMainWindow({
    preloadPath: join(buildDir, 'preload.cjs'),
    url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    iconPath: join(resourcesDirectory(), 'icons', 'icon.png'),
    log,
  });
  mainWindow = window;

  const transport = createIpcMainTransport({
    ipcMain,
    webContents: window.webContents,
    allowedOrigins: pageOrigin ? [pageOrigin] : [],
    log,
  });
  const detach = owner.connect(transport);

  // Closing the last window quits on Windows and Linux: ask first if jobs are running.
  window.on('close', (event) => {
    if (process.platform !== 'darwin' && BrowserWindow.getAllWindows().length <= 1) guardQuit(event);
  });
  window.on('closed', () => {
    detach();
    transport.close();
    if (mainWindow === window) mainWindow = null;
  });
}

/** Holds a quit while jobs run until the user confirms; a confirmed quit goes through. */
function guardQuit(event: { preventDefault(): void }): void {
  if (quitConfirmed || !backend || backend.runningJobs() === 0) return;
  event.preventDefault();
  if (confirmingQuit) return;
  confirmingQuit = true;
  const running = backend.runningJobs();
  const options: MessageBoxOptions = {
    type: 'warning',
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Jobs are running',
    message: running === 1 ? 'A job is still running.' : `${running} jobs are still running.`,
    detail: 'Quitting stops them; they resume the next time DataPress starts.',
  };
  const shown =
    mainWindow && !mainWindow.isDestroyed()
      ? dialog.showMessageBox(mainWindow, options)
      : dialog.showMessageBox(options);
  void shown
    .then(({ response }) => {
      if (response !== 0) return;
      quitConfirmed = true;
      app.quit();
    })
    .finally(() => {
      confirmingQuit = false;
    });
}

/** The projects live in the user's data folder (DATAPRESS_USER_DATA moves it for tests). */
function workspaceDirectory(): string {
  return join(app.getPath('userData'), 'projects');
}

/**
 * Packaged: the `resources` folder Forge copies beside app.asar. Unpackaged, the build always
 * sits in <repo>/.vite/build, whichever way Electron was pointed at it.
 */
function resourcesDirectory(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(buildDir, '..', '..', 'resources');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
