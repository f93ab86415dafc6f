import type { CliSession } from './session';
import { intOption } from './args';
import { UsageError } from './cli-error';

/** --dataset ID, or the project's newest dataset when there is exactly one choice to make. */
export async function datasetOption(session: CliSession, value: string | undefined): Promise<number> {
  const given = intOption(value, 'dataset', 1, 2 ** 31 - 1);
  if (given !== undefined) return given;
  const datasets = await session.api.call('datasets.list', { project: session.project });
  if (datasets.length === 0)
    throw new UsageError('this project has no dataset yet; run datapress import first');
  if (datasets.length > 1) {
    const list = datasets.map((d) => `#${d.id} "${d.name}"`).join(', ');
    throw new UsageError(`this project has ${datasets.length} datasets (${list}); pass --dataset ID`);
  }
  return (datasets[0] as { id: number }).id;
}
