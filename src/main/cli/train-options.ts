import type { TrainParamsInput } from '../../shared/api/train-params';
import { intOption } from './args';
import { UsageError } from './cli-error';

/** The training options shared by `datapress train` and `datapress pca`. */
export const TRAIN_OPTIONS = {
  model: { type: 'string' },
  optimizer: { type: 'string' },
  width: { type: 'string' },
  depth: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  labels: { type: 'string' },
  augment: { type: 'string' },
  'no-flip': { type: 'boolean', default: false },
  'crop-scale': { type: 'string' },
  seeds: { type: 'string' },
  seed: { type: 'string' },
  'teacher-epochs': { type: 'string' },
  temperature: { type: 'string' },
} as const;

export const TRAIN_OPTIONS_HELP = `  --model M          convnet (ConvNet-3; default) or resnet18 (ResNet-18 for small images; slow on a CPU)
  --optimizer O      adamw (default) or sgd (momentum 0.9)
  --width W          model width (default 128)
  --depth D          ConvNet depth (default 3)
  --epochs E         default: as many optimizer steps as 10 epochs of the full training split (≤ 300)
  --batch-size B     default 128
  --labels L         hard (cross-entropy; default) or soft (a teacher labels every view, KL at T=20, CutMix)
  --augment A        constrained (one view per stored image inside one mosaic cell; default),
                     whole (crop over the whole image), shuffle (RDED patch shuffle) or none
  --crop-scale LO,HI area range of the random-resized crop, as fractions of the cell (default 0.08,1)
  --no-flip          no horizontal flips (for data that must not be mirrored)
  --seeds S          runs with seeds seed..seed+S-1 (default 3); mean ± std is reported
  --seed N           first seed (default 0)
  --teacher-epochs N soft labels: the teacher's epochs on the full split (default 10)
  --temperature T    soft labels: temperature (default 20)`;

type Values = { [K in keyof typeof TRAIN_OPTIONS]?: string | boolean | undefined };

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  return value as T;
}

function range(value: unknown, name: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value)
    .split(',')
    .map((v) => Number(v.trim()));
  const [lo, hi] = parts;
  if (parts.length !== 2 || lo === undefined || hi === undefined || !(lo > 0 && lo <= hi && hi <= 1))
    throw new UsageError(`--${name} must be LO,HI with 0 < LO <= HI <= 1, got "${String(value)}"`);
  return [lo, hi];
}

export function trainOptionValues(values: Values): Omit<TrainParamsInput, 'setId' | 'datasetId'> {
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && !(temperature > 0 && temperature <= 100))
    throw new UsageError(`--temperature must be a number in (0, 100], got "${String(values.temperature)}"`);
  return {
    model: oneOf(values.model, 'model', ['convnet', 'resnet18'] as const),
    optimizer: oneOf(values.optimizer, 'optimizer', ['adamw', 'sgd'] as const),
    width: intOption(values.width, 'width', 4, 512),
    depth: intOption(values.depth, 'depth', 1, 5),
    epochs: intOption(values.epochs, 'epochs', 1, 2000),
    batchSize: intOption(values['batch-size'], 'batch-size', 1, 4096),
    labels: oneOf(values.labels, 'labels', ['hard', 'soft'] as const),
    augment: oneOf(values.augment, 'augment', ['constrained', 'whole', 'shuffle', 'none'] as const),
    flip: values['no-flip'] ? false : undefined,
    cropScale: range(values['crop-scale'], 'crop-scale'),
    seeds: intOption(values.seeds, 'seeds', 1, 10),
    seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
    teacherEpochs: intOption(values['teacher-epochs'], 'teacher-epochs', 1, 200),
    temperature,
  };
}
