import { resolve } from 'node:path';
import { UsageError } from '../cli-error';
import { intOption, parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { openSession } from '../session';
import { importIdxDataset } from '../../datasets/import-idx';
import { listDatasets } from '../../store/datasets-repo';

export const IMPORT_HELP = `datapress import — import a dataset into a project

Options:
  --idx DIR          an MNIST-style IDX folder (train-/t10k- images and labels, gzipped or not,
                     optional classes.txt with one class name per line)
  --limit-per-class N  keep at most N images per class and split
  --project DIR      project folder (created if missing)
  --json             print the dataset as JSON
`;

export async function importCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(argv, { idx: { type: 'string' }, 'limit-per-class': { type: 'string' } });
  if (values.help) return { text: IMPORT_HELP };
  if (!values.idx) throw new UsageError('import needs --idx DIR (other formats arrive with the import wizard)');
  const session = openSession(values.project, { create: true });
  try {
    const project = session.backend.registry.get(session.project);
    const { datasetId, reused } = importIdxDataset(project.db, project.paths, resolve(values.idx), {
      limitPerClass: intOption(values['limit-per-class'], 'limit-per-class', 1, 10_000_000),
    });
    const dataset = listDatasets(project.db).find((d) => d.id === datasetId);
    const text = [
      `${reused ? 'already imported' : 'imported'} dataset #${datasetId} "${dataset?.name}" (${dataset?.sampleCount} images, ${dataset?.height}×${dataset?.width}×${dataset?.channels})`,
      ...(dataset?.classes ?? []).map((c) => `  ${String(c.index).padStart(3)} ${c.name.padEnd(20)} train ${c.train}  test ${c.test}`),
    ].join('\n');
    return { text, json: { dataset, reused } };
  } finally {
    await session.close();
  }
}
