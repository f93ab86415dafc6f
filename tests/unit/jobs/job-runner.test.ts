import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDto } from '../../../src/shared/api/dto';
import { JobRunner } from '../../../src/main/jobs/job-runner';
import type { JobProcess, WorkerInbound, WorkerOutbound } from '../../../src/main/jobs/launcher';
import type { Db } from '../../../src/main/store/database';
import { openProject } from '../../../src/main/store/project-store';
import { useTempDirs } from '../../helpers/temp-dir';

/*
 * The runner's side of a job's end, with a scripted process behind the JobLauncher interface:
 * how a result, an error, a death, a cancel (clean or killed after the grace period) and an app
 * shutdown settle the job row.
 */

class ScriptedProcess implements JobProcess {
  readonly sent: WorkerInbound[] = [];
  killed = 0;
  private messageListener: ((message: WorkerOutbound) => void) | null = null;
  private exitListener: ((code: number | null, reason: string | null) => void) | null = null;
  readonly pid = 4242;

  constructor(private readonly onCancel: 'stop' | 'ignore') {}

  send(message: WorkerInbound): void {
    this.sent.push(message);
    if (message.type === 'cancel' && this.onCancel === 'stop')
      setTimeout(() => this.say({ type: 'error', code: 'cancelled', message: 'stopped at epoch 3' }), 5);
  }
  onMessage(listener: (message: WorkerOutbound) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number | null, reason: string | null) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.killed++;
    setTimeout(() => this.exit(null, 'job process killed by SIGKILL'), 5);
  }
  say(message: WorkerOutbound): void {
    this.messageListener?.(message);
  }
  exit(code: number | null, reason: string | null): void {
    this.exitListener?.(code, reason);
  }
}

const tempDir = useTempDirs();
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function setup(onCancel: 'stop' | 'ignore' = 'stop', graceMs = 50) {
  const { db } = openProject(join(tempDir(), 'p'), { create: true });
  dbs.push(db);
  const procs: ScriptedProcess[] = [];
  const changes: JobDto[] = [];
  const runner = new JobRunner(
    db,
    '/projects/p',
    '/resources',
    () => {
      const proc = new ScriptedProcess(onCancel);
      procs.push(proc);
      return proc;
    },
    { onProgress: () => {}, onChange: (job) => changes.push(job) },
    graceMs,
  );
  const settled = (id: number) =>
    new Promise<JobDto>((resolve) => {
      const poll = () => {
        const job = runner.get(id);
        if (job.status === 'running' || job.status === 'queued') setTimeout(poll, 5);
        else resolve(job);
      };
      poll();
    });
  return { runner, procs, changes, settled };
}

describe('JobRunner: how a job ends', () => {
  it('records a result, and the process end that follows changes nothing', () => {
    const { runner, procs } = setup();
    const job = runner.start('demo', { ipc: 1 });
    expect(procs[0]!.sent[0]).toMatchObject({ type: 'start', jobId: job.id, kind: 'demo' });
    expect(runner.activeIds()).toEqual([job.id]);
    procs[0]!.say({ type: 'result', result: { ok: true } });
    procs[0]!.exit(1, 'job process exited with code 1');
    expect(runner.get(job.id)).toMatchObject({ status: 'succeeded', result: { ok: true }, error: null });
    expect(runner.activeIds()).toEqual([]);
  });

  it('fails a job whose process dies, with the launcher’s reason', () => {
    const { runner, procs } = setup();
    const job = runner.start('demo', {});
    procs[0]!.exit(134, 'job process ran out of memory (JavaScript heap limit 64 MB)');
    expect(runner.get(job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'internal', message: 'job process ran out of memory (JavaScript heap limit 64 MB)' },
    });
    const second = runner.start('demo', {});
    procs[1]!.exit(0, null);
    expect(runner.get(second.id).error?.message).toBe('job process ended without a result');
  });

  it('cancels cleanly when the job stops by itself, keeping the worker’s words', async () => {
    const { runner, procs, settled } = setup('stop', 10_000);
    const job = runner.start('score', {});
    runner.cancel(job.id);
    expect(procs[0]!.sent.at(-1)).toEqual({ type: 'cancel' });
    const done = await settled(job.id);
    expect(done).toMatchObject({
      status: 'cancelled',
      error: { code: 'cancelled', message: 'stopped at epoch 3' },
    });
    expect(procs[0]!.killed).toBe(0);
  });

  it('kills a job that ignores cancel after the grace period and says so', async () => {
    const { runner, procs, settled } = setup('ignore', 60);
    const job = runner.start('score', {});
    runner.cancel(job.id);
    runner.cancel(job.id); // a second click does not start a second timer
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(procs[0]!.killed).toBe(0);
    const done = await settled(job.id);
    expect(procs[0]!.killed).toBe(1);
    expect(done).toMatchObject({
      status: 'cancelled',
      error: {
        code: 'cancelled',
        message: 'the job was cancelled; it did not stop within 60 ms, so its process was killed',
      },
    });
  });

  it('leaves jobs stopped by a shutdown interrupted, so they can resume at the next start', async () => {
    const clean = setup('stop');
    const a = clean.runner.start('import', { path: '/x' });
    await clean.runner.shutdown();
    expect(clean.runner.get(a.id)).toMatchObject({
      status: 'interrupted',
      error: { code: 'interrupted', message: 'the app stopped while this job ran' },
    });

    const stubborn = setup('ignore', 40);
    const b = stubborn.runner.start('import', { path: '/x' });
    stubborn.runner.cancel(b.id); // a cancel already under way: the shutdown still wins
    await stubborn.runner.shutdown();
    expect(stubborn.runner.get(b.id)).toMatchObject({
      status: 'interrupted',
      error: {
        message:
          'the app stopped while this job ran; it did not stop within 40 ms, so its process was killed',
      },
    });
    expect(stubborn.runner.resume(b.id).status).toBe('running');
  });
});
