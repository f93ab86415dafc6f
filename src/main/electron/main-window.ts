import { BrowserWindow, screen } from 'electron';
import { WEB_PREFERENCES } from './security-policy';
import { fitToDisplays, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState } from './window-state';

export interface MainWindowOptions {
  /** Built preload script (preload.cjs next to main.js). */
  preloadPath: string;
  /** URL of the renderer: app://datapress/index.html, or the Vite dev server. */
  url: string;
  /** JSON file that remembers size and position. */
  stateFile: string;
  /** Window icon (Linux; Windows and macOS take it from the executable). */
  iconPath?: string;
  log: (message: string) => void;
}

/** Creates the one app window: sandboxed, isolated, where the user left it last time. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const state = fitToDisplays(loadWindowState(options.stateFile), [
    primary.workArea,
    ...others.map((display) => display.workArea),
  ]);

  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'DataPress',
    backgroundColor: '#f7f7f5',
    ...(options.iconPath && process.platform === 'linux' ? { icon: options.iconPath } : {}),
    webPreferences: { ...WEB_PREFERENCES, preload: options.preloadPath },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  // Size and position are saved a moment after the user stops dragging, and once on close.
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    try {
      saveWindowState(options.stateFile, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      options.log(`[window] could not save the window state: ${String(error)}`);
    }
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);

  window.webContents.on('render-process-gone', (_event, details) => {
    options.log(`[window] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  window.webContents.on('did-fail-load', (_event, code, description, url) => {
    options.log(`[window] failed to load ${url}: ${description} (${code})`);
  });

  void window.loadURL(options.url);
  return window;
}
