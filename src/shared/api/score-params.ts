import { z } from 'zod';

/**
 * Parameters of a scoring job: one or more proxy training runs on the full training split whose
 * per-epoch softmax outputs give every training image its pruning scores (METHODS.md, "P").
 */
export const scoreParamsSchema = z.object({
  datasetId: z.number().int().positive(),
  proxy: z.literal('convnet').default('convnet'),
  /**
   * Proxy width. 32 by default, not the benchmark model's 128: on 2 CPU cores a width-128 proxy
   * needs about 55 min for 10 epochs of 60,000 images; width 32 needs about 6 (see README).
   */
  width: z.number().int().min(4).max(512).default(32),
  depth: z.number().int().min(1).max(5).default(3),
  norm: z.enum(['instance', 'batch', 'none']).default('instance'),
  /** E, the epochs EL2N sums over (10 in the reference pipeline). */
  epochs: z.number().int().min(1, 'epochs must be at least 1').max(200).default(10),
  /**
   * Proxy runs to average (the original EL2N averages 10). 1 by default on CPU: each run costs a
   * full training run.
   */
  seeds: z.number().int().min(1, 'at least one proxy run').max(20).default(1),
  /** Seed of the first run; run r uses seed + r. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  batchSize: z.number().int().min(1).max(4096).default(128),
  lr: z.number().positive().max(1).default(1e-3),
  /** Features kept for herding / k-center, reduced by PCA to at most this many dimensions. */
  featureDims: z.number().int().min(2).max(1024).default(64),
});

export type ScoreParams = z.output<typeof scoreParamsSchema>;
export type ScoreParamsInput = z.input<typeof scoreParamsSchema>;
