import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './fake-electron/built-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The built desktop main process (fake electron, fake-electron/boot-main.mjs) quit while a job
 * runs, then started again on the same user data: main.ts asks before quitting, records the job
 * (jobs/resume-on-start.ts) and resumes it at the next start; on the way, app.backend is asked
 * of a job process. Built into its own throwaway app folder (fake-electron/built-app.ts) so it
 * never races main-bundle.test.ts, which builds into .vite/.
 */

const bootScript = fileURLToPath(new URL('./fake-electron/boot-main.mjs', import.meta.url));

interface QuitReport {
  backend: { name: string; reason: string; tried: { name: string; ok: boolean }[] };
  forks: number;
  runningAtQuit: number;
  quit: string[];
  messageBoxes: string[];
  resumeFile: { version: number; jobs: { project: string; jobId: number }[] } | null;
}

interface ResumeReport {
  resumeFileAtStart: boolean;
  jobs: { id: number; kind: string; status: string }[];
  quit: string[];
  messageBoxes: number;
  resumeFileAfterQuit: boolean;
}

let app: string;
let quitting: QuitReport;
let next: ResumeReport;

function boot<T>(phase: 'quit-running' | 'resume'): T {
  const run = spawnSync(process.execPath, [bootScript, join(app, '.vite/build/main.js')], {
    cwd: app,
    env: { ...process.env, DATAPRESS_USER_DATA: join(app, 'user-data'), BOOT_PHASE: phase },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = run.stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line)
    throw new Error(
      `boot-main.mjs (${phase}) printed no report (${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  return JSON.parse(line.slice('REPORT '.length)) as T;
}

beforeAll(async () => {
  app = await buildApp();
  mkdirSync(join(app, 'user-data'));
  quitting = boot<QuitReport>('quit-running');
  next = boot<ResumeReport>('resume');
}, 300_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('built main process: app.backend', () => {
  it('is answered by a utility process running the built job-worker.js', () => {
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(quitting.backend.name);
    expect(quitting.backend.tried.map((t) => t.name)).toContain(quitting.backend.name);
    expect(quitting.forks).toBe(2); // the probe, then the job
  });
});

describe('built main process: quitting with a job running', () => {
  it('asks first, records the job, closes the backend and exits', () => {
    expect(quitting.runningAtQuit).toBeGreaterThan(0);
    expect(quitting.messageBoxes).toEqual(['A job is still running.']);
    // Held for the answer, held again while the backend closes, then for real.
    expect(quitting.quit).toEqual(['quit', 'quit', 'quit', 'exited']);
    expect(quitting.resumeFile).toEqual({
      version: 1,
      jobs: [{ project: 'alpha', jobId: quitting.runningAtQuit }],
    });
  });

  it('resumes that job by itself at the next start, once', () => {
    expect(next.resumeFileAtStart).toBe(false); // read and removed while starting
    expect(next.jobs).toEqual([
      { id: quitting.runningAtQuit + 1, kind: 'demo', status: 'running' },
      { id: quitting.runningAtQuit, kind: 'demo', status: 'interrupted' },
    ]);
    expect(next.messageBoxes).toBe(0); // the test cancelled it: nothing ran at this quit
    expect(next.quit).toEqual(['quit', 'quit', 'exited']);
    expect(next.resumeFileAfterQuit).toBe(false);
  });
});
