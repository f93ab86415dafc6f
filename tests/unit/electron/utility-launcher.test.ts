import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerOutbound } from '../../../src/main/jobs/launcher';
import {
  createUtilityLauncher,
  describeUtilityExit,
  type ProcessGoneDetails,
  type UtilityForkOptions,
} from '../../../src/main/electron/utility-launcher';

/** Stands in for Electron's UtilityProcess: an emitter with postMessage and kill. */
class FakeUtilityProcess extends EventEmitter {
  posted: unknown[] = [];
  killed = false;
  readonly pid = 31337;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

function setup() {
  const gone = new EventEmitter();
  const forks: { path: string; options: UtilityForkOptions; child: FakeUtilityProcess }[] = [];
  const logs: string[] = [];
  const forceKilled: number[] = [];
  const launch = createUtilityLauncher({
    workerPath: '/app/.vite/build/job-worker.js',
    fork: (path, _args, options) => {
      const child = new FakeUtilityProcess();
      forks.push({ path, options, child });
      return child;
    },
    onProcessGone: (listener) => {
      gone.on('gone', listener);
      return () => gone.off('gone', listener);
    },
    exitGraceMs: 20,
    forceKillAfterMs: 40,
    forceKill: (pid) => forceKilled.push(pid),
    maxOldSpaceMb: 2048,
    log: (line) => logs.push(line),
  });
  const emitGone = (details: ProcessGoneDetails) => gone.emit('gone', details);
  return { launch, forks, logs, forceKilled, emitGone, goneListeners: () => gone.listenerCount('gone') };
}

function exitOf(job: ReturnType<ReturnType<typeof setup>['launch']>) {
  return new Promise<{ code: number | null; reason: string | null }>((resolve) =>
    job.onExit((code, reason) => resolve({ code, reason })),
  );
}

afterEach(() => vi.useRealTimers());

describe('utility-process job launcher', () => {
  it('forks the built worker with a memory cap and a service name of its own', () => {
    const { launch, forks } = setup();
    launch();
    launch();
    expect(forks.map((f) => f.path)).toEqual([
      '/app/.vite/build/job-worker.js',
      '/app/.vite/build/job-worker.js',
    ]);
    expect(forks[0]!.options.execArgv).toEqual(['--max-old-space-size=2048']);
    expect(forks[0]!.options.serviceName).not.toBe(forks[1]!.options.serviceName);
  });

  it('passes messages both ways and drops malformed ones from the worker', () => {
    const { launch, forks, logs } = setup();
    const job = launch();
    const child = forks[0]!.child;
    const got: WorkerOutbound[] = [];
    job.onMessage((message) => got.push(message));

    job.send({ type: 'cancel' });
    expect(child.posted).toEqual([{ type: 'cancel' }]);

    child.emit('message', { type: 'progress', phase: 'train', done: 1, total: 4, fraction: 0.25 });
    child.emit('message', { type: 'nonsense' });
    child.emit('message', 'hello');
    expect(got).toEqual([{ type: 'progress', phase: 'train', done: 1, total: 4, fraction: 0.25 }]);
    expect(logs).toHaveLength(2);
  });

  it('reports a clean exit at once, without a reason', async () => {
    const { launch, forks, goneListeners } = setup();
    const job = launch();
    const exit = exitOf(job);
    forks[0]!.child.emit('exit', 0);
    await expect(exit).resolves.toEqual({ code: 0, reason: null });
    expect(goneListeners()).toBe(0);
  });

  it('names an out-of-memory end reported just after the exit', async () => {
    const { launch, forks, emitGone } = setup();
    const job = launch();
    const exit = exitOf(job);
    const { child, options } = forks[0]!;
    child.emit('exit', 133);
    emitGone({ type: 'Utility', reason: 'oom', exitCode: 133, name: options.serviceName });
    const result = await exit;
    expect(result.code).toBe(133);
    expect(result.reason).toMatch(/ran out of memory/);
  });

  it('ignores crashes of other processes', async () => {
    const { launch, forks, emitGone } = setup();
    const job = launch();
    const exit = exitOf(job);
    emitGone({ type: 'Utility', reason: 'crashed', exitCode: 11, name: 'datapress-job-other' });
    emitGone({ type: 'GPU', reason: 'crashed', exitCode: 11 });
    forks[0]!.child.emit('exit', 1);
    await expect(exit).resolves.toEqual({ code: 1, reason: 'the job process exited (exit code 1)' });
  });

  it('says so when the app stopped the job, and sends nothing after the exit', async () => {
    const { launch, forks } = setup();
    const job = launch();
    const exit = exitOf(job);
    const child = forks[0]!.child;
    job.kill();
    expect(child.killed).toBe(true);
    child.emit('exit', 15);
    await expect(exit).resolves.toMatchObject({ reason: 'the job process was stopped by the app' });
    job.send({ type: 'cancel' });
    expect(child.posted).toEqual([]);
  });

  it('kills by pid with SIGKILL when the process outlives its stop, and not when it exits', async () => {
    const { launch, forks, forceKilled, logs } = setup();
    const stubborn = launch();
    const obedient = launch();
    stubborn.kill();
    stubborn.kill(); // once is enough
    obedient.kill();
    forks[1]!.child.emit('exit', 15);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(forceKilled).toEqual([31337]);
    expect(logs.filter((line) => line.includes('SIGKILL'))).toHaveLength(1);
  });

  it('turns a fatal V8 heap error into an out-of-memory reason', async () => {
    const { launch, forks } = setup();
    const job = launch();
    const exit = exitOf(job);
    forks[0]!.child.emit('error', 'FatalError', 'Reached heap limit Allocation failed', '{}');
    forks[0]!.child.emit('exit', 134);
    await expect(exit).resolves.toMatchObject({ code: 134, reason: expect.stringMatching(/out of memory/) });
  });
});

describe('describeUtilityExit', () => {
  const gone = (reason: string): ProcessGoneDetails => ({ type: 'Utility', reason, exitCode: 9 });
  it('words each way a process can end', () => {
    expect(describeUtilityExit({ code: 0 })).toBeNull();
    expect(describeUtilityExit({ code: 11, gone: gone('crashed') })).toBe(
      'the job process crashed (exit code 11)',
    );
    expect(describeUtilityExit({ code: 9, gone: gone('killed') })).toMatch(/killed by the system/);
    expect(describeUtilityExit({ code: 9, gone: gone('launch-failed') })).toMatch(/could not be started/);
    expect(describeUtilityExit({ code: 3, fatalLocation: 'v8::internal::Foo' })).toMatch(
      /fatal error at v8::internal::Foo/,
    );
  });
});
