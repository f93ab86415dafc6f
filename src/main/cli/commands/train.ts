import type { TrainJobResultDto } from '../../../shared/api/dto';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatSeconds } from '../progress-bar';
import { followJob, jobFailure, openSession, type CliSession } from '../session';
import { TRAIN_OPTIONS, TRAIN_OPTIONS_HELP, trainOptionValues } from '../train-options';

export const TRAIN_HELP = `datapress train — train a model from scratch on a compressed set (or the full data) and evaluate it

Usage: datapress train <set-id|full> [options]

Trains with the benchmark's protocol (AdamW, cosine schedule, one augmented view per stored
image and epoch) for each seed and evaluates top-1 accuracy on the dataset's test split.
Checkpoints every 10 epochs: the same command again continues an interrupted run.

Options:
  --dataset ID       with "full": the dataset (default: the project's only dataset)
${TRAIN_OPTIONS_HELP}
  --project DIR      project folder
  --json             print the result (every seed, mean ± std, per class, confusion) as JSON
`;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function trainResultText(r: TrainJobResultDto): string {
  const source = r.setId ? `compressed set #${r.setId} (${r.grid}×${r.grid})` : 'the full training split';
  const w = Math.max(5, ...r.classNames.map((n) => n.length));
  return [
    `${r.model} width ${r.width}, ${r.labels} labels, augment ${r.augment}, ${r.epochs} epochs, batch ${r.batchSize} on ${source}: ${r.trainImages} images, tested on ${r.testImages}`,
    ...r.runs.map(
      (s) =>
        `  seed ${s.seed}: ${pct(s.accuracy)}  (run #${s.runId}, ${formatSeconds(s.seconds)}, ${s.imagesPerSecond.toFixed(0)} img/s${s.resumedAfterEpoch > 0 && s.resumedAfterEpoch < s.epochs ? `, resumed after epoch ${s.resumedAfterEpoch}` : ''})`,
    ),
    `test top-1: ${pct(r.meanAccuracy)} ± ${(r.stdAccuracy * 100).toFixed(1)} over ${r.runs.length} seed(s)`,
    '',
    `  ${'class'.padEnd(w)}  accuracy`,
    ...r.classNames.map((n, c) => `  ${n.padEnd(w)}  ${pct(r.perClassMean[c] ?? NaN).padStart(8)}`),
    ...(r.teacher
      ? [`teacher ${r.teacher.reused ? 'reused' : `trained in ${formatSeconds(r.teacher.seconds)}`}`]
      : []),
    `backend ${r.backend}; total ${formatSeconds(r.seconds)}`,
  ].join('\n');
}

export async function runTraining(
  session: CliSession,
  params: Record<string, unknown>,
  progress: boolean,
): Promise<TrainJobResultDto> {
  const job = await session.api.call('training.start', { project: session.project, params: params as never });
  const finished = await followJob(session, job, progress);
  const failure = jobFailure(finished);
  if (failure) throw failure;
  return finished.result as TrainJobResultDto;
}

export async function trainCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...TRAIN_OPTIONS, dataset: { type: 'string' } },
    true,
  );
  if (values.help) return { text: TRAIN_HELP };
  if (positionals.length !== 1)
    throw new UsageError('train needs a <set-id> or "full"; run datapress sets to list sets');
  const options = trainOptionValues(values);
  const session = openSession(values.project, { create: false });
  try {
    const target =
      positionals[0] === 'full'
        ? { datasetId: await datasetOption(session, values.dataset) }
        : { setId: intOption(positionals[0], 'set-id', 1, 2 ** 31 - 1) as number };
    const result = await runTraining(session, { ...options, ...target }, !values.json);
    return { text: trainResultText(result), json: result };
  } finally {
    await session.close();
  }
}
