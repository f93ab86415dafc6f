import type { DatasetDto, ScoreSetDto } from '../../shared/api/dto';
import {
  SCORE_METHOD_NAMES,
  type Budget,
  type ScoreMethodName,
  type SelectionMethodName,
  type SelectionParamsInput,
  type SelectionRuleName,
} from '../../shared/api/selection-params';
import { formatBytes, formatCount } from './format';
import { newest } from './newest';

/** How the user states the size of what to keep. */
export type GoalKind = 'ipc' | 'percent' | 'megabytes';

/** The selection form as bound to inputs: number inputs give null when empty. */
export interface SelectionFormValues {
  goal: GoalKind;
  ipc: number | null;
  percent: number | null;
  megabytes: number | null;
  method: SelectionMethodName;
  rule: SelectionRuleName;
  seed: number | null;
  scoreSetId: number | null;
}

export type SelectionField = 'ipc' | 'percent' | 'megabytes' | 'seed' | 'scoreSetId';
export type SelectionFormCheck =
  { ok: true; params: SelectionParamsInput } | { ok: false; errors: Partial<Record<SelectionField, string>> };

/** Megabytes as the app shows sizes (and the CLI reads "M"): 1 MB = 1024 × 1024 bytes. */
export const BYTES_PER_MEGABYTE = 1024 * 1024;
const MAX_SEED = 2 ** 31 - 1;

export const GOAL_CHOICES: readonly { value: GoalKind; label: string; field: string; hint: string }[] = [
  {
    value: 'ipc',
    label: 'Images per class',
    field: 'Number of images per class',
    hint: 'The same number of images from every class.',
  },
  {
    value: 'percent',
    label: 'Percentage of the training set',
    field: 'Percentage to keep (%)',
    hint: 'Turned into the same number of images per class, rounded down (at least 1).',
  },
  {
    value: 'megabytes',
    label: 'Megabytes of stored images',
    field: 'Megabytes to keep (MB)',
    hint: 'Raw pixels of the kept images; 1 MB = 1,048,576 bytes. As many images per class as fit.',
  },
];

export const RECOMMENDED_NOTE = 'Recommended: keeps the easiest images — best at small budgets (Xiao et al.)';

export const METHOD_CHOICES: readonly { value: SelectionMethodName; label: string; hint: string }[] = [
  {
    value: 'el2n',
    label: 'EL2N: the proxy’s error (recommended)',
    hint: 'How far the proxy’s answers were from the right label, summed over its epochs. Low error = easy.',
  },
  {
    value: 'forgetting',
    label: 'Forgetting: how often it was forgotten',
    hint: 'How many times the proxy got an image right and then wrong again. Never forgotten = easy.',
  },
  {
    value: 'aum',
    label: 'AUM: how clearly the right class won',
    hint: 'How far the right class stayed ahead of the strongest other class during training. Very low often means a wrong label.',
  },
  {
    value: 'entropy',
    label: 'Entropy: how unsure the proxy ended',
    hint: 'How spread out the final proxy’s answer is over the classes. Certain = easy.',
  },
  {
    value: 'margin',
    label: 'Margin: the final lead of the right class',
    hint: 'How far the right class is ahead of the runner-up at the end. A big lead = easy.',
  },
  {
    value: 'random',
    label: 'Random',
    hint: 'Images picked at random, the same number per class. A fair baseline; needs no scores.',
  },
  {
    value: 'herding',
    label: 'Herding: close to the class average',
    hint: 'Picks images whose average stays closest to the whole class’s, as the proxy sees them.',
  },
  {
    value: 'kcenter',
    label: 'k-center: spread over the class',
    hint: 'Picks images far apart from each other, so the kept ones cover the whole class.',
  },
];

export const RULE_CHOICES: readonly { value: SelectionRuleName; label: string; hint: string }[] = [
  { value: 'easy', label: 'Easiest', hint: 'Keeps the images the proxy found easiest.' },
  {
    value: 'hard',
    label: 'Hardest',
    hint: 'Keeps the hardest images; better with large budgets, but also keeps mislabelled ones.',
  },
  {
    value: 'ccs',
    label: 'Spread (CCS)',
    hint: 'Drops the hardest 10 %, then keeps images evenly across the range of difficulty.',
  },
];

export function isScoreMethod(method: SelectionMethodName): method is ScoreMethodName {
  return (SCORE_METHOD_NAMES as readonly string[]).includes(method);
}

/** Every method but random reads a score set (scores or the proxy's features). */
export function needsScoreSet(method: SelectionMethodName): boolean {
  return method !== 'random';
}

export function newestScoreSet(sets: readonly ScoreSetDto[]): ScoreSetDto | null {
  return newest(sets);
}

/** The recommended start: EL2N, keep the easiest, 10 images per class, seed 0, the newest scores. */
export function defaultSelectionForm(sets: readonly ScoreSetDto[] = []): SelectionFormValues {
  return {
    goal: 'ipc',
    ipc: 10,
    percent: 10,
    megabytes: 1,
    method: 'el2n',
    rule: 'easy',
    seed: 0,
    scoreSetId: newestScoreSet(sets)?.id ?? null,
  };
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

/** The budget the goal states, or a message for the goal's field. */
export function budgetOf(
  values: SelectionFormValues,
): { budget: Budget } | { field: SelectionField; message: string } {
  switch (values.goal) {
    case 'ipc': {
      const ipc = values.ipc;
      if (missing(ipc) || !Number.isInteger(ipc) || (ipc as number) < 1)
        return { field: 'ipc', message: 'Images per class must be a whole number of at least 1' };
      return { budget: { kind: 'ipc', ipc: ipc as number } };
    }
    case 'percent': {
      const percent = values.percent;
      if (missing(percent) || (percent as number) <= 0 || (percent as number) > 100)
        return { field: 'percent', message: 'The percentage must be above 0 and at most 100' };
      return { budget: { kind: 'fraction', fraction: (percent as number) / 100 } };
    }
    case 'megabytes': {
      const mb = values.megabytes;
      const bytes = missing(mb) ? 0 : Math.floor((mb as number) * BYTES_PER_MEGABYTE);
      if (missing(mb) || (mb as number) <= 0 || bytes < 1)
        return { field: 'megabytes', message: 'The size must be more than 0 megabytes' };
      return { budget: { kind: 'bytes', bytes } };
    }
  }
}

/** Checks the form; returns what `selections.create` takes, or a message per field. */
export function checkSelectionForm(values: SelectionFormValues, datasetId: number): SelectionFormCheck {
  const errors: Partial<Record<SelectionField, string>> = {};
  const budget = budgetOf(values);
  if ('field' in budget) errors[budget.field] = budget.message;
  const seed = values.seed;
  if (missing(seed) || !Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > MAX_SEED)
    errors.seed = `The seed must be a whole number from 0 to ${formatCount(MAX_SEED)}`;
  if (needsScoreSet(values.method) && values.scoreSetId === null)
    errors.scoreSetId = 'This method needs scores: score the dataset first (step 1), or choose Random.';
  if (Object.keys(errors).length > 0 || 'field' in budget) return { ok: false, errors };
  const params: SelectionParamsInput = {
    datasetId,
    method: values.method,
    budget: budget.budget,
    seed: values.seed as number,
  };
  if (isScoreMethod(values.method)) params.rule = values.rule;
  if (needsScoreSet(values.method)) params.scoreSetId = values.scoreSetId as number;
  return { ok: true, params };
}

/**
 * What a budget comes to on this dataset, as the Node side resolves it (select/budget.ts): a
 * fraction f keeps ⌊f·train / classes⌋ per class (at least 1); bytes keep as many per class as fit.
 * Classes smaller than the IPC give all they have. Null when one image per class does not fit.
 */
export function previewBudget(
  budget: Budget,
  dataset: Pick<DatasetDto, 'height' | 'width' | 'channels' | 'classes'>,
): { ipc: number; images: number; bytes: number } | null {
  const classes = dataset.classes.length;
  if (classes === 0) return null;
  const train = dataset.classes.reduce((sum, c) => sum + c.train, 0);
  const perImage = dataset.height * dataset.width * dataset.channels;
  let ipc: number;
  if (budget.kind === 'ipc') ipc = budget.ipc;
  else if (budget.kind === 'fraction') ipc = Math.max(1, Math.floor((budget.fraction * train) / classes));
  else ipc = Math.floor(budget.bytes / (classes * perImage));
  if (ipc < 1) return null;
  const images = dataset.classes.reduce((sum, c) => sum + Math.min(ipc, c.train), 0);
  return { ipc, images, bytes: images * perImage };
}

/** The preview in words, or why the budget is too small. */
export function describeBudget(
  values: SelectionFormValues,
  dataset: Pick<DatasetDto, 'height' | 'width' | 'channels' | 'classes'>,
): string {
  const budget = budgetOf(values);
  if ('field' in budget) return '';
  const preview = previewBudget(budget.budget, dataset);
  if (!preview) {
    const one = dataset.classes.length * dataset.height * dataset.width * dataset.channels;
    return `Too small: one image per class needs ${formatBytes(one)}.`;
  }
  const per = `${formatCount(preview.ipc)} image${preview.ipc === 1 ? '' : 's'} per class`;
  return `Keeps ${per}: ${formatCount(preview.images)} images, ${formatBytes(preview.bytes)} of pixels.`;
}
