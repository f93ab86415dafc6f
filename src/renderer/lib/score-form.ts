import type { DatasetDto, JobDto, ScoreEstimateDto, ScoreResultDto } from '../../shared/api/dto';
import { scoreParamsSchema, type ScoreParamsInput } from '../../shared/api/score-params';
import { formatCount, formatDuration } from './format';
import { newest } from './newest';

/** The scoring form as bound to inputs: number inputs give null when empty. */
export interface ScoreFormValues {
  width: number | null;
  epochs: number | null;
  seeds: number | null;
}

export type ScoreField = keyof ScoreFormValues;
export type ScoreFormCheck =
  { ok: true; params: ScoreParamsInput } | { ok: false; errors: Partial<Record<ScoreField, string>> };

/** The bounds of scoreParamsSchema, in words the form can show (a unit test keeps them in step). */
export const SCORE_LIMITS: Record<ScoreField, { min: number; max: number; noun: string }> = {
  width: { min: 4, max: 512, noun: 'The width' },
  epochs: { min: 1, max: 200, noun: 'Epochs' },
  seeds: { min: 1, max: 20, noun: 'Runs' },
};

/** One-line explanations under each field. */
export const SCORE_HINTS: Record<ScoreField, string> = {
  width: 'Size of the small model trained to score the images; smaller is faster. 32 suits a CPU.',
  epochs: 'EL2N sums the proxy’s error over these epochs.',
  seeds: 'The original EL2N averages 10 runs; 1 on CPU.',
};

/** Initial values: the schema's defaults (width 32, 10 epochs, 1 run), like the CLI. */
export function defaultScoreForm(): ScoreFormValues {
  const d = scoreParamsSchema.parse({ datasetId: 1 });
  return { width: d.width, epochs: d.epochs, seeds: d.seeds };
}

/** Checks the form and returns what `scores.start` / `scores.estimate` take, or a message per field. */
export function checkScoreForm(values: ScoreFormValues, datasetId: number | null): ScoreFormCheck {
  const errors: Partial<Record<ScoreField, string>> = {};
  for (const field of Object.keys(SCORE_LIMITS) as ScoreField[]) {
    const value = values[field];
    const { min, max, noun } = SCORE_LIMITS[field];
    if (value === null || value === undefined || Number.isNaN(value)) errors[field] = 'Required';
    else if (!Number.isInteger(value) || value < min || value > max)
      errors[field] = `${noun} must be a whole number from ${min} to ${max}`;
  }
  if (Object.keys(errors).length > 0 || datasetId === null) return { ok: false, errors };
  return {
    ok: true,
    params: {
      datasetId,
      width: values.width as number,
      epochs: values.epochs as number,
      seeds: values.seeds as number,
    },
  };
}

/** The estimate in words: "About 4 s: 3,000 images × 2 epochs × 1 run (6,000 image passes at 2,092 images/s)." */
export function describeEstimate(estimate: ScoreEstimateDto, epochs: number, runs: number): string {
  const time = estimate.seconds < 60 ? `${Math.max(1, Math.round(estimate.seconds))} s` : null;
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  return (
    `About ${time ?? formatDuration(estimate.seconds)}: ` +
    `${plural(estimate.trainImages, 'image')} × ${plural(epochs, 'epoch')} × ${plural(runs, 'run')} ` +
    `(${formatCount(estimate.imagePasses)} image passes at ${formatCount(estimate.imagesPerSecond)} images/s).`
  );
}

/** The scoring job a panel follows for a dataset: the one started here, else the dataset's newest. */
export function scoreJobFor(
  jobs: readonly JobDto[],
  datasetId: number | null,
  startedId: number | null,
): JobDto | null {
  const started = startedId !== null ? jobs.find((j) => j.id === startedId) : undefined;
  if (started && datasetOfJob(started) === datasetId) return started;
  return newest(jobs.filter((j) => j.kind === 'score' && datasetOfJob(j) === datasetId));
}

function datasetOfJob(job: JobDto): number | null {
  const params = job.params as { datasetId?: unknown } | null;
  return params && typeof params.datasetId === 'number' ? params.datasetId : null;
}

/** Failed, cancelled and interrupted scoring jobs can continue from their last finished epoch. */
export function canResume(job: JobDto): boolean {
  return job.status === 'failed' || job.status === 'cancelled' || job.status === 'interrupted';
}

/** Narrows a finished score job's result; null if it is not one. */
export function asScoreResult(result: unknown): ScoreResultDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<ScoreResultDto>;
  return typeof r.scoreSet?.id === 'number' &&
    typeof r.reused === 'boolean' &&
    Array.isArray(r.resumedAfterEpoch)
    ? (result as ScoreResultDto)
    : null;
}

/** What a finished scoring job did, in a sentence. */
export function describeScoreResult(result: ScoreResultDto): string {
  const id = result.scoreSet.id;
  if (result.reused)
    return `These settings were scored before: score set #${id} was reused without training.`;
  const resumed = result.resumedAfterEpoch.filter((e) => e > 0);
  if (resumed.length > 0) {
    const epochs = [...new Set(resumed)].join(', ');
    return `Stored score set #${id}; training continued after epoch ${epochs} instead of starting again.`;
  }
  return `Stored score set #${id}.`;
}

/** The newest dataset (highest id), the one the Prune step starts with. */
export function newestDataset(datasets: readonly DatasetDto[]): DatasetDto | null {
  return newest(datasets);
}
