import { z } from 'zod';

/**
 * What an export of a stored compressed set takes, apart from the project: `exports.create` (in
 * the API process, for the CLI) and `exports.start` (the `export` job, with progress and cancel)
 * take exactly this, so the two cannot drift apart. The job stores it as its params.
 */
export const exportParamsSchema = z.object({
  setId: z.number().int().positive(),
  dir: z
    .string()
    .min(1)
    .refine((d) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(d), 'export folder must be an absolute path'),
  format: z.enum(['png', 'jpeg', 'npz']).default('png'),
  /** JPEG quality 1–100 (default 95); only with format jpeg. */
  quality: z.number().int().min(1).max(100).optional(),
  /** Replace an earlier export at dir, once the new one is complete. */
  replace: z.boolean().default(false),
  /** Put this training run's saved model beside the images (model/, TensorFlow.js layout). */
  modelRunId: z.number().int().positive().optional(),
});

export type ExportParams = z.output<typeof exportParamsSchema>;
export type ExportParamsInput = z.input<typeof exportParamsSchema>;
