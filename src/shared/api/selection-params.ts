import { z } from 'zod';

export const SELECTION_METHOD_NAMES = [
  'random',
  'el2n',
  'forgetting',
  'aum',
  'entropy',
  'margin',
  'herding',
  'kcenter',
] as const;
export const SCORE_METHOD_NAMES = ['el2n', 'forgetting', 'aum', 'entropy', 'margin'] as const;
export const SELECTION_RULES = ['easy', 'hard', 'ccs'] as const;

export type SelectionMethodName = (typeof SELECTION_METHOD_NAMES)[number];
export type ScoreMethodName = (typeof SCORE_METHOD_NAMES)[number];
export type SelectionRuleName = (typeof SELECTION_RULES)[number];

/** How much to keep: images per class, a fraction of the training split, or bytes of stored images. */
export const budgetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ipc'), ipc: z.number().int().min(1, 'IPC must be at least 1').max(1_000_000) }),
  z.object({
    kind: z.literal('fraction'),
    fraction: z.number().gt(0, 'the fraction must be above 0').max(1, 'the fraction must be at most 1'),
  }),
  z.object({
    kind: z.literal('bytes'),
    bytes: z.number().int().min(1, 'the byte budget must be at least 1'),
  }),
]);

export const selectionParamsSchema = z.object({
  datasetId: z.number().int().positive(),
  method: z.enum(SELECTION_METHOD_NAMES, {
    error: (issue) =>
      `unknown selection method ${JSON.stringify(issue.input)}; use one of ${SELECTION_METHOD_NAMES.join(', ')}`,
  }),
  /** Required for score-based methods (easy-first by default there); not allowed otherwise. */
  rule: z.enum(SELECTION_RULES).optional(),
  budget: budgetSchema,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  /** Score set to use; default: the newest one of the dataset. Unused by random. */
  scoreSetId: z.number().int().positive().optional(),
  /** CCS: fraction of the hardest dropped (our choice 0.1) and number of strata (50). */
  ccsBeta: z.number().min(0).max(0.99).optional(),
  ccsStrata: z.number().int().min(1).max(1000).optional(),
});

export type SelectionParams = z.output<typeof selectionParamsSchema>;
export type SelectionParamsInput = z.input<typeof selectionParamsSchema>;
export type Budget = z.output<typeof budgetSchema>;
