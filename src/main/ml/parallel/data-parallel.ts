/**
 * Synchronous data-parallel training over worker threads. The wasm backend runs on one core
 * (its threaded build does not work in Node), so each extra core gets its own replica in a
 * worker. Every step splits the batch into contiguous shards, each replica returns the mean-loss
 * gradient of its shard, and the trainer combines them weighted by shard size (exactly the
 * full-batch mean gradient) and sends the same bytes to every replica to apply: replicas stay
 * identical without ever exchanging weights.
 */
import { availableParallelism } from 'node:os';
import { addScaled } from './flat-grads.ts';
import { RemoteReplica } from './remote-replica.ts';
import type { ReplicaInit } from './protocol.ts';
import type { ReplicaCore, ShardResult } from './replica-core.ts';
import type { StepOutput } from '../train-step.ts';
import { shardPlan, type BatchPlan } from '../batch-plan.ts';

export interface BatchStepper {
  /** Replicas working on each batch (1 = this thread only). */
  readonly threads: number;
  /** One optimiser step on these rows: the batch's mean loss (and softmax rows if asked). */
  step(
    rows: readonly number[],
    lr: number,
    wantProbabilities: boolean,
    plan?: BatchPlan | null,
  ): Promise<StepOutput>;
  dispose(): Promise<void>;
}

/**
 * One replica per core, at most 4: each holds its own model and activations, and shards of a
 * 128 batch below 32 images leave XNNPACK little to work with. Measured only on 2 cores (1.9–2.1×).
 */
export function defaultTrainingThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Contiguous near-equal parts of `rows`; trailing parts may be empty for tiny batches. */
export function splitRows(rows: readonly number[], parts: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor(rows.length / parts) + (p < rows.length % parts ? 1 : 0);
    out.push(rows.slice(start, start + size));
    start += size;
  }
  return out;
}

export async function startDataParallel(
  local: ReplicaCore,
  init: Omit<ReplicaInit, 'type'>,
  workers: number,
): Promise<BatchStepper> {
  const remotes = await Promise.all(Array.from({ length: workers }, () => RemoteReplica.start(init)));
  return {
    threads: workers + 1,
    async step(rows, lr, wantProbabilities, plan = null) {
      const shards = splitRows(rows, workers + 1);
      const [mine = [], ...theirs] = shards;
      // Shards are contiguous: shard s covers batch positions [starts[s], starts[s] + length).
      const starts = shards.map((_, s) => shards.slice(0, s).reduce((n, sh) => n + sh.length, 0));
      const planOf = (s: number) =>
        shardPlan(plan, rows, starts[s] as number, (starts[s] as number) + (shards[s] as number[]).length);
      // Post the remote work first so it overlaps with the local gradient.
      const pending = theirs.map((shard, i) =>
        shard.length > 0
          ? (remotes[i] as RemoteReplica).requestGrads(
              Int32Array.from(shard),
              wantProbabilities,
              planOf(i + 1),
            )
          : null,
      );
      const parts: Array<{ n: number } & ShardResult> = [];
      if (mine.length > 0) parts.push({ n: mine.length, ...local.grads(mine, wantProbabilities, planOf(0)) });
      for (const [i, p] of pending.entries()) {
        if (p) parts.push({ n: (theirs[i] as number[]).length, ...(await p) });
      }
      const first = parts[0];
      if (!first) throw new Error('empty batch');
      // Fixed combination order: the same bytes reach every replica.
      const combined = new Float32Array(first.grads.length);
      let loss = 0;
      for (const part of parts) {
        addScaled(combined, part.grads, part.n / rows.length);
        loss += (part.loss * part.n) / rows.length;
      }
      for (const remote of remotes) remote.apply(combined, lr);
      local.apply(combined, lr);
      // Shards are contiguous and in order, so their rows concatenate back to `rows`.
      const probabilities = wantProbabilities ? concatFloat(parts.map((p) => p.probabilities)) : null;
      return { loss, probabilities };
    },
    async dispose() {
      local.dispose();
      await Promise.all(remotes.map((r) => r.dispose()));
    },
  };
}

function concatFloat(parts: Array<Float32Array | null>): Float32Array {
  const total = parts.reduce((n, p) => n + (p?.length ?? 0), 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    if (!p) continue;
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
