import { z } from 'zod';

/** Parameters of the thin-slice job (import sample → random IPC subset → train → evaluate → export). */
export const demoParamsSchema = z.object({
  /** Dataset source: the embedded sample, or an IDX folder on disk. */
  source: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('sample') }),
      z.object({ kind: z.literal('idx'), path: z.string().min(1, 'dataset path is empty') }),
    ])
    .default({ kind: 'sample' }),
  ipc: z.number().int().min(1, 'IPC must be at least 1').max(100_000).default(10),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  width: z.number().int().min(4).max(512).default(32),
  epochs: z.number().int().min(1).max(1000).optional(),
  fullEpochs: z.number().int().min(1).max(1000).default(10),
  batchSize: z.number().int().min(1).max(4096).default(128),
  trainFull: z.boolean().default(true),
  /** Export folder; default is `<project>/exports/demo-<job id>`. */
  exportDir: z.string().min(1).optional(),
  /** Cap on training images per class read from the source (small tests); default: all. */
  limitPerClass: z.number().int().min(1).optional(),
});

export type DemoParams = z.output<typeof demoParamsSchema>;
export type DemoParamsInput = z.input<typeof demoParamsSchema>;
