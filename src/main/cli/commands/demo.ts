import { resolve } from 'node:path';
import type { DemoResultDto } from '../../../shared/api/dto';
import { intOption, parseCommandArgs } from '../args';
import { followJob, jobFailure, openSession } from '../session';
import { demoTable } from '../result-table';
import type { CommandResult } from '../command';

export const DEMO_HELP = `datapress demo — the thin slice on a real dataset, end to end

Imports the embedded Fashion-MNIST sample (or an IDX folder), keeps a class-balanced random
subset of IPC images per class, trains ConvNet-3 on it with AdamW + cosine and hard labels,
evaluates top-1 accuracy on the test split, trains once on the full training split for
comparison, stores everything in the project's SQLite database and exports the compressed set
(images/<class>/*.png, labels.csv, manifest.json).

Options:
  --idx DIR          IDX dataset folder (train-/t10k- images and labels, optional classes.txt);
                     default: the embedded sample
  --ipc N            images per class to keep (default 10)
  --seed N           seed for the subset and training (default 0)
  --width N          ConvNet-3 width (default 32)
  --epochs N         epochs on the compressed set (default: as many optimizer steps as the full run)
  --full-epochs N    epochs on the full training split (default 10)
  --batch N          batch size (default 128)
  --no-full          skip the full-data training run
  --limit-per-class N  import at most N images per class and split (quick runs)
  --out DIR          export folder (must not exist or be empty; default <project>/exports/demo-<job>)
  --project DIR      project folder (default: $DATAPRESS_HOME/projects/default or ~/.local/share/datapress/projects/default)
  --json             print the result as one JSON object on the last line
`;

export async function demoCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, {
    idx: { type: 'string' },
    ipc: { type: 'string' },
    seed: { type: 'string' },
    width: { type: 'string' },
    epochs: { type: 'string' },
    'full-epochs': { type: 'string' },
    batch: { type: 'string' },
    'no-full': { type: 'boolean', default: false },
    'limit-per-class': { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) return { text: DEMO_HELP };
  const params = {
    source: values.idx ? { kind: 'idx' as const, path: resolve(values.idx) } : { kind: 'sample' as const },
    ipc: intOption(values.ipc, 'ipc', 1, 100_000),
    seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
    width: intOption(values.width, 'width', 4, 512),
    epochs: intOption(values.epochs, 'epochs', 1, 1000),
    fullEpochs: intOption(values['full-epochs'], 'full-epochs', 1, 1000),
    batchSize: intOption(values.batch, 'batch', 1, 4096),
    trainFull: !values['no-full'],
    limitPerClass: intOption(values['limit-per-class'], 'limit-per-class', 1, 10_000_000),
    exportDir: values.out ? resolve(values.out) : undefined,
  };
  const session = openSession(values.project, { create: true });
  try {
    const job = await session.api.call('jobs.startDemo', { project: session.project, params });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const result = finished.result as DemoResultDto;
    return { text: demoTable(result), json: { jobId: finished.id, project: session.project, ...result } };
  } finally {
    await session.close();
  }
}
