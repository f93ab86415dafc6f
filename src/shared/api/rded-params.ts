import { z } from 'zod';
import { trainParamsSchema, type TrainParams } from './train-params';

/**
 * The RDED-style distilled set (METHODS.md, "C — Combine", the distillation baseline): per
 * class, random cell-sized crops of candidate images scored by a teacher, the lowest-loss crops
 * tiled k×k. The teacher's setting reuses the training schema's fields (same bounds, same
 * defaults), so an RDED set and a soft-label run with the same setting share one teacher.
 */

const train = trainParamsSchema.shape;

export const rdedParamsSchema = z.object({
  datasetId: z.number().int().positive(),
  /** Stored images (mosaics) per class. */
  ipc: z
    .number()
    .int('ipc must be an integer')
    .min(1, 'ipc must be at least 1')
    .max(100_000, 'ipc must be at most 100000'),
  /** Tiles per side: each stored image holds k² crops of k² different images. */
  k: z
    .number()
    .int('k must be an integer')
    .min(1, 'k must be from 1 to 4')
    .max(4, 'k must be from 1 to 4')
    .default(2),
  /** Candidate images per class (a seeded shuffle picks them), or every training image of the class. */
  candidatesPerClass: z
    .union([
      z.number().int().min(1, 'candidatesPerClass must be at least 1').max(1_000_000),
      z.literal('all'),
    ])
    .default(300),
  cropsPerImage: z
    .number()
    .int()
    .min(1, 'cropsPerImage must be from 1 to 64')
    .max(64, 'cropsPerImage must be from 1 to 64')
    .default(5),
  /** Seeds the candidates' shuffle and the crop positions. */
  seed: train.seed,
  model: z.literal('convnet').default('convnet'),
  width: train.width,
  depth: train.depth,
  norm: train.norm,
  teacherEpochs: train.teacherEpochs,
  batchSize: train.batchSize,
  lr: train.lr,
  weightDecay: train.weightDecay,
});

export type RdedParams = z.output<typeof rdedParamsSchema>;
export type RdedParamsInput = z.input<typeof rdedParamsSchema>;

/** The teacher's setting as training parameters (what `ensureTeacher` keys on). */
export function teacherTrainParams(p: RdedParams): TrainParams {
  return trainParamsSchema.parse({
    datasetId: p.datasetId,
    model: p.model,
    width: p.width,
    depth: p.depth,
    norm: p.norm,
    teacherEpochs: p.teacherEpochs,
    batchSize: p.batchSize,
    lr: p.lr,
    weightDecay: p.weightDecay,
  });
}

/** The result of an `rded` job. */
export interface RdedResultDto {
  setId: number;
  selectionId: number;
  datasetId: number;
  ipc: number;
  k: number;
  /** Size of every scored crop (the largest mosaic cell), pixels. */
  crop: { height: number; width: number };
  /** Size of every stored image, pixels. */
  height: number;
  width: number;
  channels: number;
  storedImages: number;
  bytes: number;
  perClass: {
    index: number;
    name: string;
    storedImages: number;
    /** Distinct source images in the class's mosaics. */
    sourceImages: number;
    candidates: number;
    /** Mean teacher cross-entropy of the class's tiled crops. */
    meanLoss: number;
  }[];
  teacher: { reused: boolean; key: string; seconds: number };
  /** True when a set with the same key existed and was returned as it was. */
  reusedSet: boolean;
  warnings: string[];
  seconds: number;
}
