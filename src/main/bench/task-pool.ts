/**
 * The benchmark's task threads: up to `size` job-kind runs at once, each thread running its
 * tasks one after another. Tasks that ask for more than one slot (scoring and the teacher train
 * data-parallel on every core) wait until they have the pool to themselves.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/rpc/errors';
import { spawnModuleWorker } from '../ml/parallel/spawn-worker';
import type { FromTaskWorker, ToTaskWorker } from './task-protocol';

export interface TaskSpec {
  kind: string;
  params: unknown;
  /** Threads the task uses (1 for a single-threaded run; the pool size for data-parallel work). */
  slots?: number;
  onProgress?: (p: Extract<FromTaskWorker, { type: 'progress' }>) => void;
}

export interface TaskOutcome<T> {
  result: T;
  /** Seconds inside the task thread, from receiving the task to its result. */
  seconds: number;
  /** CPU seconds of the task's thread (null where the OS does not tell). */
  cpuSeconds: number | null;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  spec: TaskSpec;
  resolve: (o: TaskOutcome<unknown>) => void;
  reject: (e: Error) => void;
}

// Names in variables: bundlers rewrite `new URL('literal', import.meta.url)` into assets.
const WORKER_SOURCE = './task-worker.ts';
const BUNDLED = ['./task-worker.js', '../task-worker.js'];

function workerUrl(): URL {
  for (const candidate of BUNDLED) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return url;
  }
  return new URL(WORKER_SOURCE, import.meta.url);
}

export class TaskPool {
  private readonly slots: (Slot | undefined)[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<number, { pending: Pending; slots: Slot[] }>();
  private nextId = 1;
  private closed = false;
  private readonly startedAt = new Map<number, number>();
  /** For the runner's overhead: when the first task started and the last ended, and the slot-seconds tasks held. */
  readonly stats = { firstStart: null as number | null, lastEnd: null as number | null, busySlotSeconds: 0 };

  constructor(
    readonly size: number,
    private readonly base: { jobId: number; projectDir: string; resourcesDir: string },
  ) {}

  run<T>(spec: TaskSpec): Promise<TaskOutcome<T>> {
    if (this.closed) return Promise.reject(new ApiError('cancelled', 'the benchmark was cancelled'));
    return new Promise<TaskOutcome<T>>((resolve, reject) => {
      this.queue.push({ spec, resolve: resolve as Pending['resolve'], reject });
      this.pump();
    });
  }

  /** Asks every running task to stop (they throw `cancelled`) and refuses queued ones. */
  cancel(): void {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new ApiError('cancelled', 'the benchmark was cancelled'));
    for (const slot of this.slots) slot?.worker.postMessage({ type: 'cancel' } satisfies ToTaskWorker);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s?.worker.terminate()));
  }

  private slot(index: number): Slot {
    const existing = this.slots[index];
    if (existing) return existing;
    const worker = spawnModuleWorker(workerUrl());
    const slot: Slot = { worker, busy: false };
    worker.on('message', (m: FromTaskWorker) => this.onMessage(m));
    // A thread that dies (out of memory, a native crash) fails its task, not the benchmark's
    // process; the slot gets a fresh thread for the next task.
    const fail = (reason: string) => {
      if (this.slots[index] !== slot) return;
      this.slots[index] = undefined;
      for (const [id, r] of this.running)
        if (r.slots.includes(slot)) {
          this.running.delete(id);
          r.slots.forEach((s) => (s.busy = false));
          r.pending.reject(new ApiError('internal', `task thread ${reason}`));
        }
      if (!this.closed) this.pump();
    };
    worker.on('error', (e) => fail(`failed: ${e.message}`));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    this.slots[index] = slot;
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0] as Pending;
      const want = Math.min(this.size, Math.max(1, head.spec.slots ?? 1));
      const free: Slot[] = [];
      for (let i = 0; i < this.size && free.length < want; i++) {
        const s = this.slot(i);
        if (!s.busy) free.push(s);
      }
      // Strict order: a wide task waits for the pool to drain rather than being overtaken forever.
      if (free.length < want) return;
      this.queue.shift();
      const id = this.nextId++;
      free.forEach((s) => (s.busy = true));
      this.running.set(id, { pending: head, slots: free });
      const now = performance.now();
      this.startedAt.set(id, now);
      this.stats.firstStart ??= now;
      (free[0] as Slot).worker.postMessage({
        type: 'run',
        taskId: id,
        kind: head.spec.kind,
        params: head.spec.params,
        ...this.base,
      } satisfies ToTaskWorker);
    }
  }

  private onMessage(m: FromTaskWorker): void {
    const r = this.running.get(m.taskId);
    if (!r) return;
    if (m.type === 'progress') r.pending.spec.onProgress?.(m);
    if (m.type !== 'result' && m.type !== 'error') return;
    this.running.delete(m.taskId);
    r.slots.forEach((s) => (s.busy = false));
    const now = performance.now();
    this.stats.lastEnd = now;
    this.stats.busySlotSeconds += ((now - (this.startedAt.get(m.taskId) ?? now)) / 1000) * r.slots.length;
    this.startedAt.delete(m.taskId);
    if (m.type === 'result')
      r.pending.resolve({ result: m.result, seconds: m.seconds, cpuSeconds: m.cpuSeconds });
    else r.pending.reject(new ApiError(m.code as ConstructorParameters<typeof ApiError>[0], m.message));
    this.pump();
  }
}
