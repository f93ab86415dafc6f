import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, newUserData, removeApp, runScenario } from './fake-electron/built-app';

/*
 * The single-instance lock in the built main process (fake electron, scenarios in
 * fake-electron/desktop-window-scenarios.mjs): a second start brings the running app's window
 * forward, and the second process itself quits without a window.
 */

interface LockDenied {
  calls: string[];
  windows: number;
  secondInstanceListeners: number;
}

interface SecondInstance {
  minimised: { calls: string[]; stillMinimised: boolean };
  shown: { calls: string[]; windows: number };
  closed: { windows: number; url: string; answered: string | undefined };
}

let app: string;
let denied: LockDenied;
let second: SecondInstance;

beforeAll(async () => {
  app = await buildApp();
  denied = runScenario<LockDenied>(app, 'lock-denied', newUserData(app, 'denied'), {
    FAKE_ELECTRON_LOCK: 'denied',
  });
  second = runScenario<SecondInstance>(app, 'second-instance', newUserData(app, 'second'));
}, 120_000);

afterAll(() => removeApp(app));

describe('desktop: single-instance lock', () => {
  it('a start that does not get the lock quits without opening a window, even once ready', () => {
    expect(denied.calls).toContain('singleInstanceLock');
    expect(denied.calls).toContain('quit');
    expect(denied.calls.at(-1)).toBe('exited');
    expect(denied.windows).toBe(0);
    expect(denied.calls).not.toContain('menu');
    expect(denied.calls).not.toContain('fork');
    expect(denied.secondInstanceListeners).toBe(0);
  });

  it('a second instance restores the minimised window, then focuses it', () => {
    expect(second.minimised.calls).toEqual(['restore', 'focus']);
    expect(second.minimised.stillMinimised).toBe(false);
  });

  it('a second instance focuses a window that is not minimised and opens no other', () => {
    expect(second.shown.calls).toEqual(['focus']);
    expect(second.shown.windows).toBe(1);
  });

  it('with the window closed, a second instance opens a new one that talks to the backend', () => {
    expect(second.closed.windows).toBe(2);
    expect(second.closed.url).toBe('app://datapress/index.html');
    expect(second.closed.answered).toBe('result');
  });
});
