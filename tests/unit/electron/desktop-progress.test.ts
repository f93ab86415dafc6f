import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, newUserData, removeApp, runScenario } from './fake-electron/built-app';

/*
 * The taskbar/dock progress bar in the built main process (fake electron): the real backend's
 * onJobProgress (the mean fraction of the running jobs) through main.ts's setProgressBar. Jobs
 * are ScriptedJobs (fake-electron/electron.mjs) moved by fake-electron/desktop-job-scenarios.mjs,
 * so every fraction is known; two projects because a project runs one job at a time.
 */

interface Progress {
  started: string[];
  steps: [string, number | null][];
  bar: number[];
}

let app: string;
let report: Progress;

beforeAll(async () => {
  app = await buildApp();
  report = runScenario<Progress>(app, 'progress', newUserData(app, 'progress'));
}, 120_000);

afterAll(() => removeApp(app));

/** The bar's value after the named step. */
const after = (name: string) => {
  const step = report.steps.find(([label]) => label === name);
  if (!step) throw new Error(`no step ${name}`);
  return step[1];
};

describe('desktop: taskbar/dock progress', () => {
  it('runs two jobs at once, one per project', () => {
    expect(report.started).toEqual(['running', 'running']);
  });

  it('shows the one reporting job alone, then the mean fraction of the two', () => {
    expect(after('a at 0.2')).toBeCloseTo(0.2);
    expect(after('b at 0.6')).toBeCloseTo(0.4);
    expect(after('a at 0.5')).toBeCloseTo(0.55);
  });

  it('leaves a finished job out of the mean', () => {
    expect(after('a succeeds')).toBeCloseTo(0.6);
  });

  it('never sets the bar past full', () => {
    expect(after('b overshoots to 2')).toBe(1);
  });

  it('removes the bar (-1) when no job runs any more', () => {
    expect(after('b fails')).toBe(-1);
  });

  it('sets the bar once per change and never before a job reports', () => {
    expect(report.bar).toHaveLength(report.steps.length);
  });
});
