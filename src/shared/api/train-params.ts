import { z } from 'zod';

const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * A training run of the benchmark's protocol (METHODS.md): a model trained from scratch on a
 * compressed set (or the full training split), evaluated on the dataset's test split, over
 * several seeds.
 */
export const trainParamsSchema = z
  .object({
    /** The compressed set to train on; omit it (and give datasetId) for the full training split. */
    setId: z.number().int().positive().optional(),
    datasetId: z.number().int().positive().optional(),
    model: z.enum(['convnet', 'resnet18']).default('convnet'),
    width: z.number().int().min(4).max(512).default(128),
    depth: z.number().int().min(1).max(5).default(3),
    norm: z.enum(['instance', 'batch', 'none']).default('instance'),
    /** Default: as many optimizer steps as `referenceEpochs` of the full training split (capped at 300 epochs). */
    epochs: z.number().int().min(1).max(2000).optional(),
    referenceEpochs: z.number().int().min(1).max(100).default(10),
    batchSize: z.number().int().min(1).max(4096).default(128),
    optimizer: z.enum(['adamw', 'sgd']).default('adamw'),
    lr: z.number().positive().max(10).default(1e-3),
    weightDecay: z.number().min(0).max(1).default(0.01),
    labels: z.enum(['hard', 'soft']).default('hard'),
    /** Soft labels: the temperature (20 in the protocol) and the teacher's epochs on the full split. */
    temperature: z.number().positive().max(100).default(20),
    teacherEpochs: z.number().int().min(1).max(200).default(10),
    augment: z.enum(['constrained', 'whole', 'shuffle', 'none']).default('constrained'),
    cropScale: z.tuple([z.number().gt(0).max(1), z.number().gt(0).max(1)]).default([0.08, 1]),
    cropRatio: z.tuple([z.number().positive(), z.number().positive()]).default([3 / 4, 4 / 3]),
    flip: z.boolean().default(true),
    seeds: z.number().int().min(1).max(10).default(3),
    seed: seedSchema.default(0),
    /** A checkpoint every this many epochs (and at the end): what an interrupted run resumes from. */
    checkpointEvery: z.number().int().min(1).max(1000).default(10),
    /** Threads (data-parallel replicas) per run; default: decided by the set's size. Results do not depend on it. */
    threads: z.number().int().min(1).max(64).optional(),
  })
  .refine((p) => p.setId !== undefined || p.datasetId !== undefined, {
    message: 'give a compressed set (setId) or a dataset (datasetId) to train on its full training split',
  })
  .refine((p) => p.cropScale[0] <= p.cropScale[1] && p.cropRatio[0] <= p.cropRatio[1], {
    message: 'crop scale and ratio ranges must be [low, high]',
  });

export type TrainParams = z.output<typeof trainParamsSchema>;
export type TrainParamsInput = z.input<typeof trainParamsSchema>;
