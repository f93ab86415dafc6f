import type { DmParamsInput, DmResultDto } from '../../../shared/api/dm-params';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatSeconds } from '../progress-bar';
import { formatBytes } from '../result-table';
import { followJob, jobFailure, openSession } from '../session';

export const DM_HELP = `datapress dm — DM distilled set: synthetic images matching real batches' mean embeddings

Usage: datapress dm --ipc N [--iterations 1000] [options]

The distribution-matching baseline (Zhao & Bilen). Per class, N synthetic images start from N
random real images of the class; every iteration a fresh randomly initialised ConvNet (no dense
layer) embeds a random real batch and the synthetic images of each class, and SGD (lr 1,
momentum 0.5, on normalised pixels) moves the synthetic pixels so that the mean embeddings
match. No augmentation (no DSA). Checkpoints every 100 iterations: the same command again
continues an interrupted run, or returns the stored set. Train on it with "datapress train <set-id>".

Options:
  --ipc N            synthetic images per class
  --iterations I     optimisation steps (default 1000; the paper runs 20000)
  --width W          embedder width (default 128)
  --real-batch B     real images per class and iteration (default 256)
  --seed S           seed of the starting images, real batches and embedders (default 0)
  --dataset ID       dataset (default: the project's only dataset)
  --project DIR      project folder
  --json             print {setId, selectionId, images, finalLoss, losses, reused, …} as JSON
`;

export function dmText(r: DmResultDto): string {
  return [
    `compressed set #${r.setId} (DM): ${r.images} synthetic images, ${r.width}×${r.height} px, ${formatBytes(r.bytes)} of pixels (selection #${r.selectionId})`,
    r.reused
      ? 'the set already existed with these parameters'
      : `${r.iterations} iterations on ${r.backend}${r.resumedAfterIteration !== null ? `, resumed after iteration ${r.resumedAfterIteration}` : ''}`,
    `loss per checkpoint interval: ${r.losses.map((l) => l.toPrecision(4)).join(' → ')} (last iteration ${r.finalLoss.toPrecision(4)})`,
    ...r.warnings.map((w) => `warning: ${w}`),
    `done in ${formatSeconds(r.seconds)}; train on it with: datapress train ${r.setId}`,
  ].join('\n');
}

export async function dmCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    ipc: { type: 'string' },
    iterations: { type: 'string' },
    width: { type: 'string' },
    'real-batch': { type: 'string' },
    seed: { type: 'string' },
    dataset: { type: 'string' },
  });
  if (values.help) return { text: DM_HELP };
  const ipc = intOption(values.ipc, 'ipc', 1, 100_000);
  if (ipc === undefined) throw new UsageError('dm needs --ipc N (synthetic images per class)');
  const params: Omit<DmParamsInput, 'datasetId'> = {
    ipc,
    iterations: intOption(values.iterations, 'iterations', 1, 1_000_000),
    width: intOption(values.width, 'width', 4, 512),
    realBatch: intOption(values['real-batch'], 'real-batch', 1, 100_000),
    seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
  };
  const session = openSession(values.project, { create: false });
  try {
    const datasetId = await datasetOption(session, values.dataset);
    const job = await session.api.call('sets.dm', {
      project: session.project,
      params: { ...params, datasetId },
    });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const r = finished.result as DmResultDto;
    return {
      text: dmText(r),
      json: {
        setId: r.setId,
        selectionId: r.selectionId,
        images: r.images,
        iterations: r.iterations,
        finalLoss: r.finalLoss,
        losses: r.losses,
        reused: r.reused,
        resumedAfterIteration: r.resumedAfterIteration,
        bytes: r.bytes,
        backend: r.backend,
        warnings: r.warnings,
        seconds: r.seconds,
      },
    };
  } finally {
    await session.close();
  }
}
