import type { CompressedSetDto, DatasetDto } from '../../shared/api/dto';
import { trainParamsSchema, type TrainParamsInput } from '../../shared/api/train-params';
import { checkPolicy, defaultPolicy, type PolicyField, type PolicyValues } from './augment-policy';
import { describeSet } from './export-form';
import { formatCount } from './format';
import { newestFirst } from './newest';

export type ModelName = 'convnet' | 'resnet18';
export type LabelKind = 'hard' | 'soft';

/** The training form as bound to inputs: number inputs give null when empty. */
export interface TrainFormValues {
  /** "set:4" (a compressed set) or "full:1" (a dataset's whole training split). */
  target: string | null;
  model: ModelName;
  width: number | null;
  depth: number | null;
  /** Blank: automatic. */
  epochs: number | null;
  labels: LabelKind;
  seeds: number | null;
  seed: number | null;
  batchSize: number | null;
  optimizer: 'adamw' | 'sgd';
  lr: number | null;
  weightDecay: number | null;
  teacherEpochs: number | null;
  temperature: number | null;
  policy: PolicyValues;
}

type NumberField =
  | 'width'
  | 'depth'
  | 'epochs'
  | 'seeds'
  | 'seed'
  | 'batchSize'
  | 'lr'
  | 'weightDecay'
  | 'teacherEpochs'
  | 'temperature';
export type TrainField = 'target' | NumberField | PolicyField;
export type TrainFormCheck =
  { ok: true; params: TrainParamsInput } | { ok: false; errors: Partial<Record<TrainField, string>> };

/**
 * The bounds of trainParamsSchema in words (a unit test keeps them in step). `whole`: integers
 * only; `above`: the minimum itself is not allowed (a learning rate of 0 trains nothing).
 */
export const TRAIN_LIMITS: Record<
  NumberField,
  { min: number; max: number; noun: string; whole: boolean; above?: boolean }
> = {
  width: { min: 4, max: 512, noun: 'The width', whole: true },
  depth: { min: 1, max: 5, noun: 'The depth', whole: true },
  epochs: { min: 1, max: 2000, noun: 'Epochs', whole: true },
  seeds: { min: 1, max: 10, noun: 'Seeds', whole: true },
  seed: { min: 0, max: 2 ** 31 - 1, noun: 'The first seed', whole: true },
  batchSize: { min: 1, max: 4096, noun: 'The batch size', whole: true },
  lr: { min: 0, max: 10, noun: 'The learning rate', whole: false, above: true },
  weightDecay: { min: 0, max: 1, noun: 'The weight decay', whole: false },
  teacherEpochs: { min: 1, max: 200, noun: 'Teacher epochs', whole: true },
  temperature: { min: 0, max: 100, noun: 'The temperature', whole: false, above: true },
};

export const MODEL_CHOICES: readonly { value: ModelName; label: string; hint: string }[] = [
  {
    value: 'convnet',
    label: 'ConvNet',
    hint: 'The small network dataset-compression papers compare on: a few blocks of convolution, normalisation and pooling.',
  },
  {
    value: 'resnet18',
    label: 'ResNet-18',
    hint: 'A much larger network (11 million weights at width 64): checks that a set is not tuned to one model. Slow on a CPU.',
  },
];

export const LABEL_CHOICES: readonly { value: LabelKind; label: string; hint: string }[] = [
  {
    value: 'hard',
    label: 'Hard labels',
    hint: 'Every view is labelled with its stored image’s class: what the compressed set itself holds.',
  },
  {
    value: 'soft',
    label: 'Soft labels (teacher)',
    hint: 'Soft labels: a teacher trained on all your data labels every view — accuracy goes up but it is the teacher’s knowledge, and storing such labels costs far more than the images.',
  },
];

export const TRAIN_HINTS = {
  width: 'Channels per layer. 128 is the papers’ ConvNet; 32 or less trains many times faster on a CPU.',
  depth: 'Convolution blocks (3 for images of 28 to 32 pixels).',
  epochs:
    'Blank: automatic — as many training steps as 10 passes over the full training split (at most 300 epochs), so a small set is not under-trained.',
  seeds: 'One model from scratch per seed; the result is their mean ± standard deviation.',
  seed: 'The first seed; the others follow it (0, 1, 2…).',
  teacherEpochs: 'The teacher trains on the full training split once per setting and is kept for reuse.',
  temperature: 'Softens the teacher’s answers; the papers use 20.',
} as const;

/** Initial values: the schema's defaults, like the CLI, and the newest set (or full split). */
export function defaultTrainForm(target: string | null = null): TrainFormValues {
  const d = trainParamsSchema.parse({ datasetId: 1 });
  return {
    target,
    model: d.model,
    width: d.width,
    depth: d.depth,
    epochs: null,
    labels: d.labels,
    seeds: d.seeds,
    seed: d.seed,
    batchSize: d.batchSize,
    optimizer: d.optimizer,
    lr: d.lr,
    weightDecay: d.weightDecay,
    teacherEpochs: d.teacherEpochs,
    temperature: d.temperature,
    policy: defaultPolicy(),
  };
}

export function setTarget(setId: number): string {
  return `set:${setId}`;
}

export function fullTarget(datasetId: number): string {
  return `full:${datasetId}`;
}

/** "set:4" → {setId: 4}; "full:1" → {datasetId: 1}; anything else → null. */
export function parseTarget(target: string | null): { setId: number } | { datasetId: number } | null {
  const match = /^(set|full):([1-9]\d*)$/.exec(target ?? '');
  if (!match) return null;
  const id = Number(match[2]);
  return match[1] === 'set' ? { setId: id } : { datasetId: id };
}

/** What to train on, newest sets first, then every dataset's full training split. */
export function targetChoices(
  sets: readonly CompressedSetDto[],
  datasets: readonly DatasetDto[],
): { value: string; label: string }[] {
  const train = (d: DatasetDto) => d.classes.reduce((sum, c) => sum + c.train, 0);
  return [
    ...newestFirst(sets).map((s) => ({ value: setTarget(s.id), label: describeSet(s) })),
    ...newestFirst(datasets).map((d) => ({
      value: fullTarget(d.id),
      label: `Full training split of ${d.name} (${formatCount(train(d))} images)`,
    })),
  ];
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

function checkNumber(field: NumberField, value: number | null): string | null {
  const { min, max, noun, whole, above } = TRAIN_LIMITS[field];
  if (missing(value)) return 'Required';
  const v = value as number;
  const low = above ? v <= min : v < min;
  if (whole && (!Number.isInteger(v) || low || v > max))
    return `${noun} must be a whole number from ${formatCount(min)} to ${formatCount(max)}`;
  if (low || v > max) return `${noun} must be ${above ? 'above' : 'at least'} ${min} and at most ${max}`;
  return null;
}

/** Checks the form; returns what `training.start` takes, or a message per field. */
export function checkTrainForm(values: TrainFormValues): TrainFormCheck {
  const errors: Partial<Record<TrainField, string>> = {};
  const target = parseTarget(values.target);
  if (!target) errors.target = 'Choose a compressed set or a full training split to train on';
  const soft = values.labels === 'soft';
  const fields: NumberField[] = ['width', 'seeds', 'seed', 'batchSize', 'lr', 'weightDecay'];
  if (values.model === 'convnet') fields.push('depth');
  if (soft) fields.push('teacherEpochs', 'temperature');
  for (const field of fields) {
    const message = checkNumber(field, values[field]);
    if (message) errors[field] = message;
  }
  if (!missing(values.epochs)) {
    const message = checkNumber('epochs', values.epochs);
    if (message) errors.epochs = `${message}, or blank for automatic`;
  }
  const policy = checkPolicy(values.policy);
  if (!policy.ok) Object.assign(errors, policy.errors);
  if (Object.keys(errors).length > 0 || !target || !policy.ok) return { ok: false, errors };
  const params: TrainParamsInput = {
    ...target,
    model: values.model,
    width: values.width as number,
    labels: values.labels,
    seeds: values.seeds as number,
    seed: values.seed as number,
    batchSize: values.batchSize as number,
    optimizer: values.optimizer,
    lr: values.lr as number,
    weightDecay: values.weightDecay as number,
    ...policy.policy,
  };
  if (values.model === 'convnet') params.depth = values.depth as number;
  if (!missing(values.epochs)) params.epochs = values.epochs as number;
  if (soft) {
    params.teacherEpochs = values.teacherEpochs as number;
    params.temperature = values.temperature as number;
  }
  return { ok: true, params };
}
