import { z } from 'zod';

const rgb = z.object({
  r: z.number().int().min(0).max(255),
  g: z.number().int().min(0).max(255),
  b: z.number().int().min(0).max(255),
});

/** What a user chooses when importing a dataset; every choice is recorded with the dataset. */
export const importParamsSchema = z.object({
  path: z.string().min(1, 'dataset path is empty'),
  format: z.enum(['auto', 'folder', 'idx', 'cifar', 'csv']).default('auto'),
  name: z.string().trim().min(1).max(200).optional(),
  /** Working resolution (square side, or height and width); default: the most common size, capped. */
  size: z
    .union([
      z.number().int().min(4).max(1024),
      z.object({ height: z.number().int().min(4).max(1024), width: z.number().int().min(4).max(1024) }),
    ])
    .optional(),
  /** Longest side of the default working resolution. */
  sizeCap: z.number().int().min(4).max(1024).default(64),
  channels: z.union([z.literal(1), z.literal(3)]).optional(),
  resize: z.enum(['crop', 'pad']).default('crop'),
  /** Background for padding and for compositing transparent pixels. */
  background: rgb.default({ r: 255, g: 255, b: 255 }),
  /** Share of each class held out for testing when the source has no train/test split. */
  testFraction: z.number().min(0).max(0.9).default(0.2),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  duplicates: z.enum(['keep', 'drop']).default('keep'),
  /** Keep at most this many images per class and split (first in listing order): quick trials. */
  limitPerClass: z.number().int().min(1).optional(),
});

export type ImportParams = z.output<typeof importParamsSchema>;
export type ImportParamsInput = z.input<typeof importParamsSchema>;
