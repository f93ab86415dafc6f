import type { RdedParamsInput, RdedResultDto } from '../../../shared/api/rded-params';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatSeconds } from '../progress-bar';
import { formatBytes } from '../result-table';
import { followJob, jobFailure, openSession } from '../session';

export const RDED_HELP = `datapress rded — RDED-style distilled set: a teacher's best crops per class, tiled k×k

Usage: datapress rded --ipc N [--k 2] [options]

The distillation baseline (Sun et al. 2024, as METHODS.md adapts it). Trains the soft-label
teacher on the full training split (or reuses it: the same teacher as "train --labels soft" with
the same width, depth and teacher epochs), takes random crops of one mosaic cell's size from each
candidate image, scores each crop by the teacher's cross-entropy on the true class (crop resized
to the full image), keeps every image's best crop and the IPC·k² images with the best crops, and
tiles them k×k in loss order: IPC stored images per class. The same command again returns the
stored set. Train on it with "datapress train <set-id>".

Options:
  --ipc N            stored images per class
  --k K              tiles per side, 1-4 (default 2)
  --crops N          random crops per candidate image, 1-64 (default 5)
  --candidates N     candidate images per class, chosen by a seeded shuffle, or "all" (default 300)
  --width W          teacher width (default 128)
  --depth D          teacher depth (default 3)
  --teacher-epochs E teacher epochs on the full training split (default 10)
  --seed S           seed of the candidates and crop positions (default 0)
  --dataset ID       dataset (default: the project's only dataset)
  --project DIR      project folder
  --json             print {setId, selectionId, perClass, teacher: {reused}, …} as JSON
`;

export function rdedText(r: RdedResultDto): string {
  const width = Math.max(5, ...r.perClass.map((c) => c.name.length));
  return [
    `compressed set #${r.setId} (RDED): ${r.storedImages} ${r.k}×${r.k} mosaics of ${r.crop.width}×${r.crop.height} crops, ${r.width}×${r.height} px, ${formatBytes(r.bytes)} of pixels (selection #${r.selectionId})`,
    `teacher ${r.teacher.key}: ${r.teacher.reused ? 'reused' : `trained in ${formatSeconds(r.teacher.seconds)}`}${r.reusedSet ? '; the set already existed with these parameters' : ''}`,
    '',
    `  ${'class'.padEnd(width)}  ${'stored'.padStart(6)}  ${'images'.padStart(6)}  ${'cands'.padStart(6)}  mean loss`,
    ...r.perClass.map(
      (c) =>
        `  ${c.name.padEnd(width)}  ${String(c.storedImages).padStart(6)}  ${String(c.sourceImages).padStart(6)}  ${String(c.candidates).padStart(6)}  ${c.meanLoss.toFixed(4)}`,
    ),
    ...r.warnings.map((w) => `warning: ${w}`),
    `done in ${formatSeconds(r.seconds)}; train on it with: datapress train ${r.setId}`,
  ].join('\n');
}

export async function rdedCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    ipc: { type: 'string' },
    k: { type: 'string' },
    crops: { type: 'string' },
    candidates: { type: 'string' },
    width: { type: 'string' },
    depth: { type: 'string' },
    'teacher-epochs': { type: 'string' },
    seed: { type: 'string' },
    dataset: { type: 'string' },
  });
  if (values.help) return { text: RDED_HELP };
  const ipc = intOption(values.ipc, 'ipc', 1, 100_000);
  if (ipc === undefined) throw new UsageError('rded needs --ipc N (stored images per class)');
  const candidates =
    values.candidates === 'all' ? 'all' : intOption(values.candidates, 'candidates', 1, 1_000_000);
  const params: Omit<RdedParamsInput, 'datasetId'> = {
    ipc,
    k: intOption(values.k, 'k', 1, 4),
    cropsPerImage: intOption(values.crops, 'crops', 1, 64),
    candidatesPerClass: candidates,
    width: intOption(values.width, 'width', 4, 512),
    depth: intOption(values.depth, 'depth', 1, 5),
    teacherEpochs: intOption(values['teacher-epochs'], 'teacher-epochs', 1, 200),
    seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
  };
  const session = openSession(values.project, { create: false });
  try {
    const datasetId = await datasetOption(session, values.dataset);
    const job = await session.api.call('sets.rded', {
      project: session.project,
      params: { ...params, datasetId },
    });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const r = finished.result as RdedResultDto;
    return {
      text: rdedText(r),
      json: {
        setId: r.setId,
        selectionId: r.selectionId,
        perClass: r.perClass,
        teacher: r.teacher,
        reusedSet: r.reusedSet,
        storedImages: r.storedImages,
        crop: r.crop,
        bytes: r.bytes,
        warnings: r.warnings,
      },
    };
  } finally {
    await session.close();
  }
}
