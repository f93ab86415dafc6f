/**
 * The random part of one training batch beyond its rows: each sample's augmented view and, in
 * soft-label mode, the CutMix box and partner. Drawn once per batch in the trainer from a
 * generator seeded by (seed, epoch), then cut into per-shard plans, so a data-parallel run and a
 * single-thread run see the same views, and a resumed run needs no replay of earlier epochs.
 */
import { createRng } from '../../shared/random.ts';
import { drawAugment, pickDraws, type AugmentDraws, type AugmentPolicy } from './augment/augment-batch.ts';
import { drawCutMix, type CutMixBox } from './augment/cutmix.ts';

export interface BatchPlan {
  /** Views of the batch's rows, in row order; null = the stored images as they are. */
  augment: AugmentDraws | null;
  /** Position (within the batch) of each sample's CutMix partner, and the pasted box. */
  cutmix: { partner: Int32Array; box: CutMixBox } | null;
}

/** A shard's part of a batch plan: its own views and its donors' rows and views. */
export interface ShardPlan {
  augment: AugmentDraws | null;
  cutmix: { donorRows: Int32Array; donorAugment: AugmentDraws | null; box: CutMixBox } | null;
}

export interface PlanOptions {
  augment: AugmentPolicy | null;
  cutmix: boolean;
  /** Stored image side (square images). */
  resolution: number;
}

/** The epoch's generator: independent of earlier epochs, so a resume starts it afresh. */
export function epochPlanRng(seed: number, epoch: number): () => number {
  return createRng((Math.imul(seed ^ 0x0a06, 0x9e3779b1) + Math.imul(epoch + 1, 0x85ebca6b)) >>> 0);
}

export function drawBatchPlan(options: PlanOptions, n: number, rng: () => number): BatchPlan | null {
  if (!options.augment && !options.cutmix) return null;
  const R = options.resolution;
  const augment = options.augment ? drawAugment(options.augment, n, R, rng) : null;
  let cutmix: BatchPlan['cutmix'] = null;
  if (options.cutmix) {
    const { perm, box } = drawCutMix(rng, n, R, R);
    cutmix = { partner: perm, box };
  }
  return { augment, cutmix };
}

/** The plan of batch positions [start, end) whose rows are `rows` (the whole batch's rows). */
export function shardPlan(
  plan: BatchPlan | null,
  rows: readonly number[],
  start: number,
  end: number,
): ShardPlan | null {
  if (!plan) return null;
  const positions = Array.from({ length: end - start }, (_, i) => start + i);
  const augment = plan.augment ? pickDraws(plan.augment, positions) : null;
  if (!plan.cutmix) return { augment, cutmix: null };
  const partners = positions.map((p) => plan.cutmix?.partner[p] as number);
  return {
    augment,
    cutmix: {
      donorRows: Int32Array.from(partners, (p) => rows[p] as number),
      donorAugment: plan.augment ? pickDraws(plan.augment, partners) : null,
      box: plan.cutmix.box,
    },
  };
}
