/** The trainer's handle on a replica living in a worker thread. */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { FromReplica, ReplicaInit } from './protocol.ts';
import type { ShardResult } from './replica-core.ts';
import type { ShardPlan } from '../batch-plan.ts';
import { spawnModuleWorker } from './spawn-worker.ts';

type Pending = { resolve: (m: FromReplica) => void; reject: (e: Error) => void };

/**
 * Where the worker module lives. From source (tsx) it is the .ts beside this file; a bundled
 * build (Electron/Vite) should emit src/main/ml/parallel/replica-worker.ts as its own entry
 * `replica-worker.js` next to the bundle (found automatically), or point here with this setter
 * or DATAPRESS_REPLICA_WORKER (a file URL or path).
 */
let workerUrl: URL | null = null;
export function setReplicaWorkerUrl(url: URL | null): void {
  workerUrl = url;
}
function replicaWorkerUrl(): URL {
  if (workerUrl) return workerUrl;
  const fromEnv = process.env['DATAPRESS_REPLICA_WORKER'];
  if (fromEnv) return fromEnv.startsWith('file:') ? new URL(fromEnv) : pathToFileURL(fromEnv);
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL(WORKER_SOURCE, here);
  // Bundled: a build that emits the worker as its own entry puts it beside the bundle or one
  // folder up (from a chunks/ folder).
  for (const candidate of BUNDLED_CANDIDATES) {
    const url = new URL(candidate, here);
    if (existsSync(url)) return url;
  }
  return new URL(WORKER_SOURCE, here);
}

// Names in variables: bundlers rewrite `new URL('literal', import.meta.url)` into assets.
const WORKER_SOURCE = './replica-worker.ts';
const BUNDLED_CANDIDATES = ['./replica-worker.js', '../replica-worker.js'];

export class RemoteReplica {
  private readonly pending: Pending[] = [];
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromReplica) => {
      if (message.type === 'error') this.fail(new Error(`replica worker: ${message.message}`));
      else this.pending.shift()?.resolve(message);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`replica worker exited with code ${code}`)));
  }

  /** Spawns the worker and waits until its model is built. */
  static async start(init: Omit<ReplicaInit, 'type'>, timeoutMs = 60_000): Promise<RemoteReplica> {
    const replica = new RemoteReplica(spawnModuleWorker(replicaWorkerUrl()));
    const ready = replica.next();
    replica.worker.postMessage({ type: 'init', ...init } satisfies ReplicaInit);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('replica worker did not start in time')), timeoutMs);
    });
    try {
      await Promise.race([ready, timeout]);
    } catch (error) {
      await replica.dispose();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return replica;
  }

  /** Asks for the gradient over `rows`; await the result after doing local work. */
  requestGrads(
    rows: Int32Array,
    probabilities: boolean,
    plan: ShardPlan | null = null,
  ): Promise<ShardResult> {
    const reply = this.next();
    this.worker.postMessage({ type: 'grads', rows, probabilities, plan }, [rows.buffer as ArrayBuffer]);
    return reply.then((m) => {
      if (m.type !== 'grads') throw new Error(`unexpected reply ${m.type}`);
      return { loss: m.loss, grads: m.grads, probabilities: m.probabilities };
    });
  }

  /** Fire-and-forget: the worker applies it before serving the next request. */
  apply(grads: Float32Array, lr: number): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ type: 'apply', grads, lr });
  }

  async dispose(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private next(): Promise<FromReplica> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.splice(0)) p.reject(error);
  }
}
