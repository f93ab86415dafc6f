import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, newUserData, removeApp, runScenario } from './fake-electron/built-app';

/*
 * Quit confirmation in the built main process (fake electron, ScriptedJobs moved by
 * fake-electron/desktop-job-scenarios.mjs). jobs-resume-bundle.test.ts covers a confirmed quit
 * with a real job; here: cancelling keeps the app and its jobs running (for quit and for closing
 * the last window), the count in the question, and no question when nothing runs.
 */

type Box = [message: string, parent: 'window' | 'app'];

interface QuitRunning {
  started: string[];
  quitCancelled: { calls: string[]; boxes: Box[]; jobs: string[]; cancelsSent: number };
  closeCancelled: { prevented: boolean; calls: string[]; boxes: Box[]; jobs: string[] };
  confirmed: {
    calls: string[];
    boxes: Box[];
    cancelSentToA: boolean;
    resume: { version: number; jobs: { project: string; jobId: number }[] } | null;
  };
}

interface QuitIdle {
  started: string[];
  jobs: string[];
  closePrevented: boolean;
  calls: string[];
  boxes: Box[];
}

let app: string;
let running: QuitRunning;
let idle: QuitIdle;

beforeAll(async () => {
  app = await buildApp();
  running = runScenario<QuitRunning>(app, 'quit-running', newUserData(app, 'running'));
  idle = runScenario<QuitIdle>(app, 'quit-idle', newUserData(app, 'idle'));
}, 120_000);

afterAll(() => removeApp(app));

describe('desktop: quitting with jobs running', () => {
  it('asks, over the window, saying how many jobs run', () => {
    expect(running.started).toEqual(['running', 'running']);
    expect(running.quitCancelled.boxes).toEqual([['2 jobs are still running.', 'window']]);
  });

  it('keeps the app and its jobs running when the question is cancelled', () => {
    expect(running.quitCancelled.calls).toEqual(['quit']); // held: no second quit, no exit
    expect(running.quitCancelled.jobs).toEqual(['running', 'running']);
    expect(running.quitCancelled.cancelsSent).toBe(0);
  });

  it('asks again when the last window is closed, and a cancel keeps the window open', () => {
    expect(running.closeCancelled.prevented).toBe(true);
    expect(running.closeCancelled.boxes.at(-1)).toEqual(['A job is still running.', 'window']);
    expect(running.closeCancelled.calls).toEqual(['quit']);
    expect(running.closeCancelled.jobs).toEqual(['running']);
  });

  it('quits when confirmed: stops the job, records it for the next start, exits', () => {
    expect(running.confirmed.boxes).toHaveLength(3);
    expect(running.confirmed.cancelSentToA).toBe(true);
    expect(running.confirmed.resume).toEqual({ version: 1, jobs: [{ project: 'a', jobId: 1 }] });
    // The cancelled quit; one held for the answer; the confirmed one, held while the backend
    // closes; the last, which exits.
    expect(running.confirmed.calls).toEqual(['quit', 'quit', 'quit', 'quit', 'exited']);
  });
});

describe('desktop: quitting with no job running', () => {
  it('closes the window and quits without asking', () => {
    expect(idle.started).toEqual(['running']);
    expect(idle.jobs).toEqual(['succeeded']);
    expect(idle.closePrevented).toBe(false);
    expect(idle.boxes).toEqual([]);
    expect(idle.calls).toEqual(['quit', 'quit', 'exited']);
  });
});
