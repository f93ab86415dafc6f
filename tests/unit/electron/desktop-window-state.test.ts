import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, newUserData, removeApp, runScenario } from './fake-electron/built-app';

/*
 * The window's size and position between runs, wired in the built main process (fake electron,
 * scenarios in fake-electron/desktop-window-scenarios.mjs). The maths of fitting a window to the
 * displays is window-state.test.ts's; here: main-window.ts saves on the right events, the next
 * start opens the window there, and it hands every display (not only the primary) to the fit.
 */

interface Placement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}
type Saved = (Placement & { maximized: boolean }) | null;

interface StateSave {
  opened: Placement;
  afterResize: Saved;
  afterMove: Saved;
  afterClose: Saved;
}

interface StateRestore {
  opened: Placement;
  maximised: boolean;
}

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT = { x: 1920, y: 0, width: 1280, height: 1000 };

let app: string;
let saved: StateSave;
let restored: StateRestore;

/** A start with this state file (and these displays' work areas, primary first). */
function startWith(name: string, state: object, displays: object[] = [PRIMARY]): StateRestore {
  const userData = newUserData(app, name);
  writeFileSync(join(userData, 'window-state.json'), JSON.stringify(state));
  return runScenario<StateRestore>(app, 'state-restore', userData, {
    FAKE_ELECTRON_DISPLAYS: JSON.stringify(displays),
  });
}

beforeAll(async () => {
  app = await buildApp();
  const userData = newUserData(app, 'remembered');
  saved = runScenario<StateSave>(app, 'state-save', userData);
  restored = runScenario<StateRestore>(app, 'state-restore', userData);
}, 120_000);

afterAll(() => removeApp(app));

describe('desktop: window size and position', () => {
  it('opens at the default size, placed by the OS, when nothing was saved', () => {
    expect(saved.opened).toEqual({ width: 1280, height: 820 });
  });

  it('saves the bounds after a resize and after a move', () => {
    expect(saved.afterResize).toEqual({ x: 100, y: 80, width: 1100, height: 700, maximized: false });
    expect(saved.afterMove).toEqual({ x: 300, y: 200, width: 1100, height: 700, maximized: false });
  });

  it('saves the normal bounds and the maximised state at once on close', () => {
    expect(saved.afterClose).toEqual({ x: 300, y: 200, width: 1200, height: 750, maximized: true });
  });

  it('opens the next start where the last one closed, maximised again', () => {
    expect(restored.opened).toEqual({ x: 300, y: 200, width: 1200, height: 750 });
    expect(restored.maximised).toBe(true);
  });

  it('does not maximise a window that was not', () => {
    const state = { x: 40, y: 30, width: 1000, height: 700, maximized: false };
    expect(startWith('normal', state)).toEqual({
      opened: { x: 40, y: 30, width: 1000, height: 700 },
      maximised: false,
    });
  });

  it('brings a window that is off every display back on screen', () => {
    const state = { x: 5000, y: 4000, width: 1000, height: 700, maximized: false };
    expect(startWith('off-screen', state).opened).toEqual({ width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display', () => {
    const state = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(startWith('too-large', state).opened).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('keeps a window on a second display while it is plugged in, and brings it back when it is not', () => {
    const state = { x: 2000, y: 50, width: 1000, height: 800, maximized: false };
    expect(startWith('second-display', state, [PRIMARY, RIGHT]).opened).toEqual({
      x: 2000,
      y: 50,
      width: 1000,
      height: 800,
    });
    expect(startWith('unplugged', state, [PRIMARY]).opened).toEqual({ width: 1000, height: 800 });
  });
});
