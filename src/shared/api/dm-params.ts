import { z } from 'zod';
import type { BackendInfo } from './dto';

/**
 * The DM (distribution matching) distilled set (METHODS.md, "Distillation baseline: DM"; Zhao &
 * Bilen): per class, IPC synthetic images initialised from random real images of the class, then
 * optimised by SGD on the pixels so that their mean embedding matches a real batch's under a fresh
 * randomly initialised ConvNet every iteration.
 */

const int = (name: string, min: number, max: number) =>
  z
    .number()
    .int(`${name} must be an integer`)
    .min(min, `${name} must be from ${min} to ${max}`)
    .max(max, `${name} must be from ${min} to ${max}`);

export const dmParamsSchema = z.object({
  datasetId: z.number().int('datasetId must be an integer').positive('datasetId must be positive'),
  /** Synthetic images per class. */
  ipc: z
    .number()
    .int('ipc must be an integer')
    .min(1, 'ipc must be at least 1')
    .max(100_000, 'ipc must be at most 100000'),
  /** Optimisation steps on the pixels (the paper runs 20000). */
  iterations: int('iterations', 1, 1_000_000).default(1000),
  /** Learning rate on normalised pixels (the paper's lr_img = 1). */
  lr: z
    .number('lr must be a number')
    .min(0, 'lr must be from 0 to 1000')
    .max(1000, 'lr must be from 0 to 1000')
    .default(1),
  /** SGD momentum (the paper's 0.5). */
  momentum: z
    .number('momentum must be a number')
    .min(0, 'momentum must be from 0 to below 1')
    .lt(1, 'momentum must be from 0 to below 1')
    .default(0.5),
  /** Real images per class and iteration (fewer when a class has fewer). */
  realBatch: int('realBatch', 1, 100_000).default(256),
  /** Channels of the random embedder's conv blocks. */
  width: int('width', 4, 512).default(128),
  /** Conv blocks of the random embedder (ConvNet-depth without its dense layer). */
  depth: int('depth', 1, 5).default(3),
  /** Seeds the initial images, the real batches and every iteration's embedder. */
  seed: int('seed', 0, 2 ** 31 - 1).default(0),
  /** A checkpoint every this many iterations: what an interrupted job resumes from. */
  checkpointEvery: int('checkpointEvery', 1, 1_000_000).default(100),
});

export type DmParams = z.output<typeof dmParamsSchema>;
export type DmParamsInput = z.input<typeof dmParamsSchema>;

/** The result of a `dm` job. */
export interface DmResultDto {
  setId: number;
  selectionId: number;
  datasetId: number;
  ipc: number;
  /** Stored (synthetic) images in the set. */
  images: number;
  height: number;
  width: number;
  channels: number;
  bytes: number;
  iterations: number;
  /** Loss (Σ over classes of the squared mean-embedding distance) at the last iteration. */
  finalLoss: number;
  /** Mean loss over each checkpoint interval, in order (the last interval may be shorter). */
  losses: number[];
  /** True when a set with the same key existed and was returned as it was. */
  reused: boolean;
  /** The iteration a checkpoint let this job start after, or null when it started from scratch. */
  resumedAfterIteration: number | null;
  warnings: string[];
  seconds: number;
  /** The tensor backend that optimised the images (for a reused set: the one that made it). */
  backend: BackendInfo['name'];
}
