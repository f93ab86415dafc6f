import type { BenchEstimateDto } from '../../shared/api/bench-dto';
import {
  BENCH_METHOD_FAMILY,
  BENCH_METHOD_LABEL,
  BENCH_METHODS,
  benchDefinitionSchema,
  LABEL_MODES,
  type BenchDefinitionInput,
  type BenchMethod,
  type LabelMode,
} from '../../shared/api/bench-params';
import { ApiError } from '../../shared/rpc/errors';
import { formatCount, formatDuration } from './format';
import type { FormCheck } from './pending';

/** The benchmark form as bound to inputs: number inputs give null when empty. */
export interface BenchFormValues {
  name: string;
  datasetId: number | null;
  methods: BenchMethod[];
  /** As typed: "1, 10, 50". */
  ipcs: string;
  labels: LabelMode[];
  seeds: number | null;
  width: number | null;
  steps: number | null;
  teacherEpochs: number | null;
  /** Blank: one training run per core. */
  parallel: number | null;
  scoringWidth: number | null;
  scoringEpochs: number | null;
  dmIterations: number | null;
}

export type BenchNumberField =
  | 'seeds'
  | 'width'
  | 'steps'
  | 'teacherEpochs'
  | 'parallel'
  | 'scoringWidth'
  | 'scoringEpochs'
  | 'dmIterations';
export type BenchField = 'name' | 'datasetId' | 'methods' | 'ipcs' | 'labels' | BenchNumberField;
export type BenchFormCheck = FormCheck<BenchDefinitionInput, BenchField>;

/** The bounds of benchDefinitionSchema in words (a unit test keeps them in step). */
export const BENCH_LIMITS: Record<BenchNumberField, { min: number; max: number; noun: string }> = {
  seeds: { min: 1, max: 10, noun: 'Seeds' },
  width: { min: 4, max: 512, noun: 'The width' },
  steps: { min: 1, max: 100_000, noun: 'Steps' },
  teacherEpochs: { min: 1, max: 200, noun: 'Teacher epochs' },
  parallel: { min: 1, max: 64, noun: 'Parallel runs' },
  scoringWidth: { min: 4, max: 512, noun: 'The scoring width' },
  scoringEpochs: { min: 1, max: 200, noun: 'Scoring epochs' },
  dmIterations: { min: 1, max: 100_000, noun: 'DM iterations' },
};

/** The largest IPC the schema takes. */
export const MAX_IPC = 10_000;

/** One-line explanations under the fields. */
export const BENCH_HINTS = {
  ipcs: 'Images per class to keep, separated by commas, e.g. “1, 10, 50”.',
  labels:
    'Hard: each image’s own class. Soft: a teacher trained on all the data labels every view — higher accuracy, but those labels cost far more bytes than the images.',
  seeds: 'Each cell trains this many models from scratch; the table shows their mean ± standard deviation.',
  width:
    'Channels per layer of the ConvNet every cell trains. 32 trains many times faster than 128 on a CPU.',
  steps: 'Optimizer steps per run, the same for a 10-image and a 500-image set.',
  teacherEpochs: 'For soft labels and RDED: the teacher trains on the full split once and is kept.',
  parallel: 'Training runs at once, one thread each. Blank: one per core.',
  scoringWidth: 'The small proxy model that scores images for the score-based methods and PCA.',
  scoringEpochs: 'Epochs the proxy trains; EL2N and forgetting are read from them.',
  dmIterations: 'Pixel-optimisation steps of distribution matching; each is a pass over every class.',
} as const;

/** What each method does, in a line, shown beside its checkbox. */
export const METHOD_HINTS: Record<BenchMethod, string> = {
  random: 'A class-balanced random subset: the baseline every other row is compared with.',
  'el2n-easy':
    'Keeps the images a small proxy model finds easiest (lowest EL2N error); good at small budgets.',
  'el2n-hard': 'Keeps the hardest images by EL2N; good at large budgets.',
  forgetting: 'Keeps the images the proxy forgets most often while it trains.',
  aum: 'Drops the images with the lowest margin (likely mislabelled) and keeps those with the highest.',
  ccs: 'Drops the hardest images, then takes evenly from every band of EL2N difficulty.',
  herding: 'Picks images whose running mean feature stays closest to the class’s mean feature.',
  kcenter: 'Picks images that cover the feature space: each next one farthest from those already kept.',
  dm: 'Synthesises new images whose features match the real class’s mean features.',
  rded: 'A teacher picks the most telling crops of real images and tiles them into stored images.',
  pca: 'Keeps easy images, tiles 2×2 of them into each stored image, trains on crops inside one tile.',
};

export type MethodFamily = (typeof BENCH_METHOD_FAMILY)[BenchMethod];

/** The method checkboxes, grouped by family, in BENCH_METHODS order within each. */
export const METHOD_GROUPS: readonly {
  family: MethodFamily;
  title: string;
  methods: readonly { value: BenchMethod; label: string; hint: string }[];
}[] = (
  [
    ['pruning', 'Pruning: keeps real images'],
    ['distillation', 'Distillation: makes new images'],
    ['pca', 'PCA: prune, combine, augment'],
  ] as const
).map(([family, title]) => ({
  family,
  title,
  methods: BENCH_METHODS.filter((m) => BENCH_METHOD_FAMILY[m] === family).map((m) => ({
    value: m,
    label: BENCH_METHOD_LABEL[m],
    hint: METHOD_HINTS[m],
  })),
}));

export const LABEL_MODE_CHOICES: readonly { value: LabelMode; label: string }[] = [
  { value: 'hard', label: 'Hard labels' },
  { value: 'soft', label: 'Soft labels (teacher)' },
];

/** Initial values: a baseline, a pruning method and PCA; the schema's defaults; a CPU-sized protocol. */
export function defaultBenchForm(datasetId: number | null = null): BenchFormValues {
  const d = benchDefinitionSchema.parse({ datasetId: 1, methods: ['random'] });
  return {
    name: d.name,
    datasetId,
    methods: ['random', 'el2n-easy', 'pca'],
    ipcs: d.ipcs.join(', '),
    labels: [...d.labels],
    seeds: d.seeds,
    width: 32,
    steps: 300,
    teacherEpochs: d.protocol.teacherEpochs,
    parallel: null,
    scoringWidth: d.scoring.width,
    scoringEpochs: d.scoring.epochs,
    dmIterations: d.dm.iterations,
  };
}

/** Whether the methods need the proxy's scores (every method but random and the distilled ones). */
export function needsScoring(methods: readonly BenchMethod[]): boolean {
  return methods.some((m) => m !== 'random' && BENCH_METHOD_FAMILY[m] !== 'distillation');
}

/** Whether a teacher is trained: for soft labels, and for RDED's crops. */
export function needsTeacher(methods: readonly BenchMethod[], labels: readonly LabelMode[]): boolean {
  return labels.includes('soft') || methods.includes('rded');
}

const quote = (s: string) => `“${s}”`;

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Reads an IPC list ("1, 10, 50"; commas or spaces): positive whole numbers up to MAX_IPC, none
 * twice. Returns them in ascending order, or what is wrong in words.
 */
export function parseIpcList(text: string): { ok: true; ipcs: number[] } | { ok: false; message: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'Give at least one IPC, like “1, 10, 50”' };
  const bad = parts.filter((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > MAX_IPC);
  if (bad.length > 0)
    return {
      ok: false,
      message: `Each IPC must be a whole number from 1 to ${formatCount(MAX_IPC)}: ${listWords(bad.map(quote))} ${bad.length === 1 ? 'is' : 'are'} not`,
    };
  const ipcs = parts.map(Number);
  const twice = [...new Set(ipcs.filter((v, i) => ipcs.indexOf(v) !== i))];
  if (twice.length > 0)
    return {
      ok: false,
      message: `${listWords(twice.map((v) => `IPC ${v}`))} ${twice.length === 1 ? 'is' : 'are'} listed twice`,
    };
  return { ok: true, ipcs: [...ipcs].sort((a, b) => a - b) };
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

function checkNumber(field: BenchNumberField, value: number | null): string | null {
  const { min, max, noun } = BENCH_LIMITS[field];
  if (missing(value)) return 'Required';
  const v = value as number;
  if (!Number.isInteger(v) || v < min || v > max)
    return `${noun} must be a whole number from ${formatCount(min)} to ${formatCount(max)}`;
  return null;
}

/** Checks the form; returns the definition `bench.estimate` and `bench.start` take, or a message per field. */
export function checkBenchForm(values: BenchFormValues): BenchFormCheck {
  const errors: Partial<Record<BenchField, string>> = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the benchmark a name';
  else if (name.length > 100) errors.name = 'The name must be at most 100 characters';
  if (values.datasetId === null) errors.datasetId = 'Choose a dataset';
  const methods = BENCH_METHODS.filter((m) => values.methods.includes(m));
  if (methods.length === 0) errors.methods = 'Pick at least one method';
  const ipcs = parseIpcList(values.ipcs);
  if (!ipcs.ok) errors.ipcs = ipcs.message;
  const labels = LABEL_MODES.filter((m) => values.labels.includes(m));
  if (labels.length === 0) errors.labels = 'Pick hard labels, soft labels or both';
  // A field the grid does not use is not asked for (its default is sent).
  const required: BenchNumberField[] = ['seeds', 'width', 'steps'];
  if (needsTeacher(methods, labels)) required.push('teacherEpochs');
  if (needsScoring(methods)) required.push('scoringWidth', 'scoringEpochs');
  if (methods.includes('dm')) required.push('dmIterations');
  for (const field of required) {
    const message = checkNumber(field, values[field]);
    if (message) errors[field] = message;
  }
  if (!missing(values.parallel)) {
    const message = checkNumber('parallel', values.parallel);
    if (message) errors.parallel = `${message}, or blank for one per core`;
  }
  if (Object.keys(errors).length > 0 || !ipcs.ok) return { ok: false, errors };
  const defaults = defaultBenchForm();
  // An unused field that is not valid sends its default.
  const num = (field: BenchNumberField) =>
    (checkNumber(field, values[field]) === null ? values[field] : defaults[field]) as number;
  const definition: BenchDefinitionInput = {
    name,
    datasetId: values.datasetId as number,
    methods,
    ipcs: ipcs.ipcs,
    labels,
    seeds: num('seeds'),
    protocol: { width: num('width'), steps: num('steps'), teacherEpochs: num('teacherEpochs') },
    scoring: { width: num('scoringWidth'), epochs: num('scoringEpochs') },
    dm: { iterations: num('dmIterations') },
  };
  if (!missing(values.parallel)) definition.parallel = values.parallel as number;
  return { ok: true, params: definition };
}

/** Where a definition field's path (from a bad_request envelope) shows in the form. */
const FIELD_OF_PATH: Record<string, BenchField> = {
  name: 'name',
  datasetId: 'datasetId',
  methods: 'methods',
  ipcs: 'ipcs',
  labels: 'labels',
  seeds: 'seeds',
  parallel: 'parallel',
  'protocol.width': 'width',
  'protocol.steps': 'steps',
  'protocol.teacherEpochs': 'teacherEpochs',
  'scoring.width': 'scoringWidth',
  'scoring.epochs': 'scoringEpochs',
  'dm.iterations': 'dmIterations',
};

/** The field messages of a refused `bench.start`: its issues under `definition`, by form field. */
export function benchFieldErrors(error: unknown): Partial<Record<BenchField, string>> {
  if (!(error instanceof ApiError) || error.code !== 'bad_request' || !Array.isArray(error.details))
    return {};
  const out: Partial<Record<BenchField, string>> = {};
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    const path = Array.isArray(issue.path) ? issue.path.map(String) : [];
    if (path[0] !== 'definition' || typeof issue.message !== 'string') continue;
    // "protocol.width" names a field; "ipcs.1" (one entry of a list) names its list.
    const field: BenchField | undefined =
      FIELD_OF_PATH[path.slice(1, 3).join('.')] ?? FIELD_OF_PATH[path[1] ?? ''];
    if (field && !(field in out)) out[field] = issue.message;
  }
  return out;
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** A time for the estimate: "under a second", "42 s", "3 min 05 s". */
export function formatEstimateSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  return seconds < 1 ? 'under a second' : formatDuration(seconds);
}

/** The estimate's headline: "About 3 min 05 s: 12 training runs (6 cells × 2 seeds) on 3 compressed sets." */
export function describeBenchEstimate(estimate: BenchEstimateDto, seeds: number): string {
  const time = estimate.seconds < 1 ? 'Under a second' : `About ${formatEstimateSeconds(estimate.seconds)}`;
  return (
    `${time}: ${plural(estimate.trainingRuns, 'training run')} ` +
    `(${plural(estimate.cells, 'cell')} × ${plural(seeds, 'seed')}) on ${plural(estimate.sets, 'compressed set')}.`
  );
}

/** One row of the estimate's parts table. */
export interface EstimatePartRow {
  name: string;
  time: string;
}

/** The parts in words: a step already done says so instead of a time. */
export function estimatePartRows(estimate: BenchEstimateDto): EstimatePartRow[] {
  return estimate.parts.map((p) => ({
    name: p.name[0] ? p.name[0].toUpperCase() + p.name.slice(1) : p.name,
    time: p.reused ? 'done already' : formatEstimateSeconds(p.seconds),
  }));
}
