import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
} from '../../../src/main/electron/window-state';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'datapress-window-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('window state file', () => {
  it('round-trips and leaves no temp file behind', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000 });
  });

  it('falls back to defaults for a missing, corrupt or odd file', () => {
    const dir = tempDir();
    expect(loadWindowState(join(dir, 'absent.json'))).toEqual(DEFAULT_WINDOW_STATE);
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"width": 1000, "hei');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: '1000', height: 700 }));
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 10, height: 99999, x: 1.5, y: 0 }));
    expect(loadWindowState(file)).toEqual({ width: 900, height: 16384, maximized: false });
  });
});

describe('fitToDisplays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('keeps a window that is on a display', () => {
    const state = { x: 2000, y: 50, width: 1000, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary, right])).toEqual(state);
  });

  it('forgets the position of a window whose display is gone', () => {
    const state = { x: 2000, y: 50, width: 1000, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary])).toEqual({ width: 1000, height: 800, maximized: false });
  });

  it('shrinks a window larger than its display', () => {
    expect(fitToDisplays({ width: 4000, height: 3000, maximized: false }, [primary])).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
  });
});
