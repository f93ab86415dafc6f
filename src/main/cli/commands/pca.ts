import type { ScoreResultDto } from '../../../shared/api/dto';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { followJob, jobFailure, openSession } from '../session';
import { TRAIN_OPTIONS, TRAIN_OPTIONS_HELP, trainOptionValues } from '../train-options';
import { runTraining, trainResultText } from './train';

export const PCA_HELP = `datapress pca — Prune, Combine, Augment in one go (Xiao et al.)

Usage: datapress pca --ipc N [--k 2] [options]

Scores the training split (or reuses its scores), keeps the IPC·k² easiest images per class by
EL2N, tiles them into IPC k×k mosaics per class, trains with the constrained augmentation (one
view per mosaic and epoch, inside one cell) and evaluates on the test split.

Options:
  --ipc N            stored images per class
  --k K              mosaic grid, 1-4 (default 2)
  --grouping G       consecutive (default) or interleaved
  --dataset ID       dataset (default: the project's only dataset)
  --score-width W    proxy width for scoring (default 32)
  --score-epochs E   proxy epochs for scoring (default 10)
${TRAIN_OPTIONS_HELP}
  --project DIR      project folder
  --json             print every step's ids and the training result as JSON
`;

export async function pcaCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    ...TRAIN_OPTIONS,
    ipc: { type: 'string' },
    k: { type: 'string' },
    grouping: { type: 'string' },
    dataset: { type: 'string' },
    'score-width': { type: 'string' },
    'score-epochs': { type: 'string' },
  });
  if (values.help) return { text: PCA_HELP };
  const ipc = intOption(values.ipc, 'ipc', 1, 100_000);
  if (ipc === undefined) throw new UsageError('pca needs --ipc N (stored images per class)');
  const k = intOption(values.k, 'k', 1, 4) ?? 2;
  const grouping = values.grouping ?? 'consecutive';
  if (grouping !== 'consecutive' && grouping !== 'interleaved')
    throw new UsageError(`--grouping must be consecutive or interleaved, got "${grouping}"`);
  const train = trainOptionValues(values);
  const progress = !values.json;
  const session = openSession(values.project, { create: false });
  try {
    const project = session.project;
    const datasetId = await datasetOption(session, values.dataset);
    const scoreParams = {
      datasetId,
      width: intOption(values['score-width'], 'score-width', 4, 512),
      epochs: intOption(values['score-epochs'], 'score-epochs', 1, 200),
    };
    const scoreJob = await followJob(
      session,
      await session.api.call('scores.start', { project, params: scoreParams }),
      progress,
    );
    const scoreFailure = jobFailure(scoreJob);
    if (scoreFailure) throw scoreFailure;
    const scores = scoreJob.result as ScoreResultDto;
    const selection = await session.api.call('selections.create', {
      project,
      params: {
        datasetId,
        method: 'el2n',
        rule: 'easy',
        budget: { kind: 'ipc', ipc: ipc * k * k },
        scoreSetId: scores.scoreSet.id,
        seed: train.seed ?? 0,
      },
    });
    const combined = await session.api.call('sets.combine', {
      project,
      selectionId: selection.id,
      k,
      grouping,
    });
    const result = await runTraining(
      session,
      { augment: 'constrained', ...train, setId: combined.id },
      progress,
    );
    const text = [
      `scores #${scores.scoreSet.id} (${scores.reused ? 'reused' : 'computed'}); selection #${selection.id}: EL2N easiest ${ipc * k * k} per class; set #${combined.id}: ${combined.storedImages} ${k}×${k} mosaics`,
      ...selection.warnings.map((w) => `warning: ${w}`),
      ...combined.warnings.map((w) => `warning: ${w}`),
      trainResultText(result),
    ].join('\n');
    return {
      text,
      json: { scoreSetId: scores.scoreSet.id, selectionId: selection.id, setId: combined.id, ipc, k, result },
    };
  } finally {
    await session.close();
  }
}
