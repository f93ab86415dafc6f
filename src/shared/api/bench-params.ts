import { z } from 'zod';
import { trainParamsSchema } from './train-params';

/**
 * A benchmark definition (METHODS.md, "Training and evaluation protocol"): methods × budgets ×
 * label modes × seeds on one dataset, under one training protocol recorded with the results.
 */

/** Every method the benchmark can put in a row, with what it means. */
export const BENCH_METHODS = [
  'random',
  'el2n-easy',
  'el2n-hard',
  'forgetting',
  'aum',
  'ccs',
  'herding',
  'kcenter',
  'dm',
  'rded',
  'pca',
] as const;
export type BenchMethod = (typeof BENCH_METHODS)[number];

/** Pruning keeps real images; distillation synthesises (DM) or crops by a teacher (RDED); PCA tiles real images. */
export const BENCH_METHOD_FAMILY: Record<BenchMethod, 'pruning' | 'distillation' | 'pca'> = {
  random: 'pruning',
  'el2n-easy': 'pruning',
  'el2n-hard': 'pruning',
  forgetting: 'pruning',
  aum: 'pruning',
  ccs: 'pruning',
  herding: 'pruning',
  kcenter: 'pruning',
  dm: 'distillation',
  rded: 'distillation',
  pca: 'pca',
};

export const BENCH_METHOD_LABEL: Record<BenchMethod, string> = {
  random: 'Random',
  'el2n-easy': 'EL2N easy-first',
  'el2n-hard': 'EL2N hard-first',
  forgetting: 'Forgetting (most forgotten kept)',
  aum: 'AUM (lowest-margin dropped)',
  ccs: 'CCS (EL2N)',
  herding: 'Herding',
  kcenter: 'k-center greedy',
  dm: 'DM (distribution matching)',
  rded: 'RDED-style',
  pca: 'PCA (prune, combine, augment)',
};

export const LABEL_MODES = ['hard', 'soft'] as const;
export type LabelMode = (typeof LABEL_MODES)[number];

const train = trainParamsSchema.shape;
const int = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what} must be an integer`)
    .min(min, `${what} must be from ${min} to ${max}`)
    .max(max, `${what} must be from ${min} to ${max}`);

/**
 * The one training protocol of every cell. `steps` fixes the optimizer steps per run (epochs =
 * ⌈steps / batches per epoch⌉, so a 10-image set and a 500-image set get the same number of
 * updates); without it, `epochs` is used for every set.
 */
export const benchProtocolSchema = z
  .object({
    model: z.literal('convnet').default('convnet'),
    width: train.width,
    depth: train.depth,
    norm: train.norm,
    steps: int(1, 100_000, 'steps').optional(),
    epochs: int(1, 2000, 'epochs').optional(),
    batchSize: train.batchSize,
    lr: train.lr,
    weightDecay: train.weightDecay,
    temperature: train.temperature,
    teacherEpochs: train.teacherEpochs,
    augment: train.augment,
    cropScale: train.cropScale,
    flip: train.flip,
  })
  .refine((p) => p.steps === undefined || p.epochs === undefined, {
    message: 'give the protocol steps or epochs, not both',
  });
export type BenchProtocol = z.output<typeof benchProtocolSchema>;

export const benchDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'the benchmark needs a name').max(100).default('benchmark'),
  datasetId: z.number().int().positive(),
  methods: z
    .array(
      z.enum(BENCH_METHODS, {
        error: (issue) =>
          `unknown method ${JSON.stringify(issue.input)}; use one of ${BENCH_METHODS.join(', ')}`,
      }),
    )
    .min(1, 'pick at least one method')
    .refine((m) => new Set(m).size === m.length, 'a method is listed twice'),
  ipcs: z
    .array(int(1, 10_000, 'IPC'))
    .min(1, 'pick at least one IPC')
    .refine((m) => new Set(m).size === m.length, 'an IPC is listed twice')
    .default([1, 10, 50]),
  labels: z
    .array(z.enum(LABEL_MODES))
    .min(1, 'pick at least one label mode')
    .refine((m) => new Set(m).size === m.length, 'a label mode is listed twice')
    .default(['hard', 'soft']),
  seeds: int(1, 10, 'seeds').default(3),
  seed: train.seed,
  protocol: benchProtocolSchema.prefault({}),
  /** The proxy that scores images for the score-based methods (and PCA). */
  scoring: z
    .object({ width: train.width.default(32), epochs: int(1, 200, 'scoring epochs').default(10) })
    .prefault({}),
  /** PCA: the mosaic grid and grouping (k² kept images per stored image). */
  pca: z
    .object({
      k: int(1, 4, 'k').default(2),
      grouping: z.enum(['consecutive', 'interleaved']).default('consecutive'),
    })
    .prefault({}),
  /** RDED-style: tiles per side. */
  rded: z.object({ k: int(1, 4, 'k').default(2) }).prefault({}),
  /** DM: pixel-optimisation iterations, learning rate and real images per class per iteration. */
  dm: z
    .object({
      iterations: int(1, 100_000, 'DM iterations').default(1000),
      lr: z.number().positive().max(1000).default(1),
      realBatch: int(1, 4096, 'DM real batch').default(256),
    })
    .prefault({}),
  /** Training runs at once (one thread each); default: the number of cores. */
  parallel: int(1, 64, 'parallel').optional(),
});

export type BenchDefinition = z.output<typeof benchDefinitionSchema>;
export type BenchDefinitionInput = z.input<typeof benchDefinitionSchema>;
