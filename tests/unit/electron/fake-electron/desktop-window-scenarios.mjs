/*
 * Window scenarios for desktop-driver.mjs: the single-instance lock and the remembered window
 * size and position (desktop-single-instance.test.ts, desktop-window-state.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const stateFile = () => join(process.env.DATAPRESS_USER_DATA, 'window-state.json');
const readState = () => (existsSync(stateFile()) ? JSON.parse(readFileSync(stateFile(), 'utf8')) : null);
/** Where and how large the app asked for the window to open. */
const placement = ({ x, y, width, height }) => ({ x, y, width, height });
const windowCalls = (names) => names.filter((name) => name === 'restore' || name === 'focus');

export const windowScenarios = {
  /** Another instance holds the lock: this one must quit, even once Electron is ready. */
  'lock-denied': {
    waitForReady: false,
    async run({ app, fake, sleep, callsSince }) {
      fake.becomeReady();
      await sleep(300);
      return {
        calls: callsSince(),
        windows: fake.windows.length,
        secondInstanceListeners: app.listenerCount('second-instance'),
      };
    },
  },

  /** A second instance starts three times: window minimised, window shown, window closed. */
  'second-instance': {
    async run({ app, fake, call, callsSince }) {
      const first = fake.windows[0];
      const secondInstance = () => app.emit('second-instance', {}, ['datapress'], '/home/user', {});

      first.minimize();
      let mark = fake.calls.length;
      secondInstance();
      const minimised = { calls: windowCalls(callsSince(mark)), stillMinimised: first.isMinimized() };

      mark = fake.calls.length;
      secondInstance();
      const shown = { calls: windowCalls(callsSince(mark)), windows: fake.windows.length };

      // macOS keeps running with no window; a second instance then brings one back.
      first.emit('closed');
      secondInstance();
      const reply = await call('projects.list', {});
      const closed = { windows: fake.windows.length, url: fake.windows.at(-1).url, answered: reply?.kind };
      return { minimised, shown, closed };
    },
  },

  /** The user resizes, moves, maximises and closes the window; the state file follows. */
  'state-save': {
    async run({ fake, sleep, preventable }) {
      const window = fake.windows[0];
      const opened = placement(window.options);
      // Saves are debounced by 500 ms after the last resize or move.
      window.bounds = { x: 100, y: 80, width: 1100, height: 700 };
      window.emit('resize');
      await sleep(800);
      const afterResize = readState();
      window.bounds = { x: 300, y: 200, width: 1100, height: 700 };
      window.emit('move');
      await sleep(800);
      const afterMove = readState();
      // Maximised: the normal bounds (what un-maximising returns to) are what is saved.
      window.maximized = true;
      window.bounds = { x: 300, y: 200, width: 1200, height: 750 };
      window.emit('close', preventable());
      const afterClose = readState();
      return { opened, afterResize, afterMove, afterClose };
    },
  },

  /** The application menu the app set (desktop-menu-bundle.test.ts). */
  menu: {
    async run({ fake }) {
      return { menu: fake.calls.find((entry) => entry[0] === 'menu')?.[2] ?? null };
    },
  },

  /** A start with whatever state file and displays the test laid out. */
  'state-restore': {
    async run({ fake, callsSince }) {
      return { opened: placement(fake.windows[0].options), maximised: callsSince().includes('maximize') };
    },
  },
};
