import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * The main window's size and position between runs: a small JSON file in userData, written
 * atomically (temp file + rename) so a crash mid-write never leaves a half file behind.
 * Plain Node, no electron: main.ts passes in the displays' work areas.
 */

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Reads the saved state; anything missing, unreadable or odd gives the default. */
export function loadWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const value = raw as Record<string, unknown>;
  if (!isInt(value.width) || !isInt(value.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: Math.max(MIN_WIDTH, Math.min(value.width, 16_384)),
    height: Math.max(MIN_HEIGHT, Math.min(value.height, 16_384)),
    maximized: value.maximized === true,
  };
  if (isInt(value.x) && isInt(value.y)) {
    state.x = value.x;
    state.y = value.y;
  }
  return state;
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Keeps a restored window reachable: a saved position whose title bar is not on any current
 * display (a monitor was unplugged) is dropped so the OS centres the window instead, and the
 * size is shrunk to fit the display it lands on.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const fitted: WindowState = { ...state };
  if (fitted.x !== undefined && fitted.y !== undefined) {
    const titleBar: Rect = { x: fitted.x, y: fitted.y, width: fitted.width, height: 40 };
    const host = workAreas.find((area) => overlap(area, titleBar) >= 100 * 20);
    if (host) {
      fitted.width = Math.min(fitted.width, host.width);
      fitted.height = Math.min(fitted.height, host.height);
    } else {
      delete fitted.x;
      delete fitted.y;
    }
  }
  if (fitted.x === undefined) {
    const primary = workAreas[0];
    if (primary) {
      fitted.width = Math.min(fitted.width, primary.width);
      fitted.height = Math.min(fitted.height, primary.height);
    }
  }
  return fitted;
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
