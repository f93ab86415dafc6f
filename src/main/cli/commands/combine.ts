import type { CombineResultDto } from '../../../shared/api/dto';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { formatBytes } from '../result-table';
import { openSession } from '../session';

const GROUPINGS = ['consecutive', 'interleaved'] as const;

export const COMBINE_HELP = `datapress combine — combine a selection's kept images into k×k mosaics, stored as a new set

Usage: datapress combine <selection-id> [--k K] [options]

Every stored image is a k×k mosaic of k² kept images of one class, each resized whole (no
cropping, linear antialiasing) to its cell, in rank order. A class with L kept images stores
⌈L/k²⌉ mosaics, each the dataset's size: so a selection of IPC·k² images per class costs IPC
images of storage. When L is not a multiple of k², the last cells repeat the class's images from
rank 0 on (a warning says so). Export the set with "datapress export <set-id>".

Options:
  --k K              tiles per side, 1-4 (default 2)
  --grouping G       consecutive (neighbours in rank share a mosaic; default) or interleaved
                     (mosaic j takes ranks j, n+j, 2n+j, … as RDED does)
  --resolution N     stored height in pixels (width keeps the aspect; default the dataset's)
  --project DIR      project folder
  --json             print {setId, grid, perClass, images, bytes, …} as JSON
`;

export function combineText(r: CombineResultDto): string {
  const width = Math.max(5, ...r.perClass.map((c) => c.name.length));
  return [
    `compressed set #${r.id}: selection #${r.selectionId} as ${r.grid}×${r.grid} mosaics (${r.grouping}), ${r.width}×${r.height} px`,
    `  ${r.storedImages} stored images from ${r.keptImages} kept images, ${formatBytes(r.bytes)} of pixels`,
    '',
    `  ${'class'.padEnd(width)}  ${'stored'.padStart(6)}  ${'kept'.padStart(6)}`,
    ...r.perClass.map(
      (c) =>
        `  ${c.name.padEnd(width)}  ${String(c.storedImages).padStart(6)}  ${String(c.keptImages).padStart(6)}`,
    ),
    ...r.warnings.map((w) => `warning: ${w}`),
    `combined in ${(r.seconds * 1000).toFixed(0)} ms; export it with: datapress export ${r.id} --out DIR`,
  ].join('\n');
}

export async function combineCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { k: { type: 'string' }, grouping: { type: 'string' }, resolution: { type: 'string' } },
    true,
  );
  if (values.help) return { text: COMBINE_HELP };
  if (positionals.length !== 1)
    throw new UsageError('combine needs exactly one <selection-id>; run datapress selections to list them');
  const selectionId = intOption(positionals[0], 'selection-id', 1, Number.MAX_SAFE_INTEGER) as number;
  const k = intOption(values.k, 'k', 1, 4) ?? 2;
  const grouping = values.grouping ?? 'consecutive';
  if (!(GROUPINGS as readonly string[]).includes(grouping))
    throw new UsageError(`--grouping must be consecutive or interleaved, got "${grouping}"`);
  const resolution = intOption(values.resolution, 'resolution', 1, 1024);
  const session = openSession(values.project, { create: false });
  try {
    const r = await session.api.call('sets.combine', {
      project: session.project,
      selectionId,
      k,
      grouping: grouping as (typeof GROUPINGS)[number],
      resolution,
    });
    return {
      text: combineText(r),
      json: {
        setId: r.id,
        grid: r.grid,
        grouping: r.grouping,
        perClass: r.perClass,
        images: r.storedImages,
        keptImages: r.keptImages,
        bytes: r.bytes,
        warnings: r.warnings,
      },
    };
  } finally {
    await session.close();
  }
}
