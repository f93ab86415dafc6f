import { resolve } from 'node:path';
import type { ExportResultDto } from '../../../shared/api/dto';
import { UsageError } from '../cli-error';
import { intOption, parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { openSession } from '../session';
import { EXPORT_FORMATS, type ExportFormat } from '../../datasets/export-folder';
import { exportStoredSet } from '../../datasets/export-set';

export const EXPORT_HELP = `datapress export — export a compressed set to a folder

Usage: datapress export <set-id> --out DIR [options]

Writes, into DIR (created; it must not exist or be empty unless --replace):
  png, jpeg  images/<class folder>/<n>.png|.jpg, labels.csv (file,class_index,class_name)
  npz        compressed.npz (x: uint8 N×H×W×C, y: int64 class index, class_names), readable
             with numpy.load(path) without allow_pickle; labels.csv (index,class_index,class_name)
and manifest.json: source dataset, method and every parameter, seed, the source samples of
every stored image, sha256 and bytes of every file, storage accounting. The export is written
beside DIR and renamed into place when complete: a failed or interrupted export leaves nothing.
Find set ids with "datapress sets".

Options:
  --out DIR          export folder
  --format F         png (lossless, default), jpeg or npz
  --quality Q        JPEG quality 1-100 (default 95; jpeg only)
  --replace          replace an earlier export in DIR (only after the new one is complete)
  --model RUN        also write training run RUN's model into DIR/model (TensorFlow.js layout)
  --project DIR      project folder
  --json             print the files and bytes written and the images per class as JSON
`;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function exportText(result: ExportResultDto): string {
  const format = result.format === 'jpeg' ? `jpeg, quality ${result.quality}` : result.format;
  const width = Math.max(5, ...result.perClass.map((c) => c.name.length));
  const lines = [
    `${result.replaced ? 'replaced the export in' : 'exported to'} ${result.dir}`,
    `  compressed set #${result.setId}: ${result.images} images (${format})`,
    `  ${result.files.length} files, ${formatBytes(result.bytes)} (stored images ${formatBytes(result.storedImageBytes)})`,
    '',
    `  ${'class'.padEnd(width)}  ${'images'.padStart(6)}  folder`,
    ...result.perClass.map(
      (c) => `  ${c.name.padEnd(width)}  ${String(c.images).padStart(6)}  ${c.folder ?? '-'}`,
    ),
    ...result.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}

export async function exportCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      out: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      replace: { type: 'boolean', default: false },
      model: { type: 'string' },
    },
    true,
  );
  if (values.help) return { text: EXPORT_HELP };
  if (positionals.length !== 1)
    throw new UsageError('export needs exactly one <set-id>; run datapress sets to list them');
  const setId = intOption(positionals[0], 'set-id', 1, Number.MAX_SAFE_INTEGER) as number;
  if (!values.out) throw new UsageError('export needs --out DIR');
  const format = (values.format ?? 'png') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be png, jpeg or npz, got "${values.format}"`);
  const quality = intOption(values.quality, 'quality', 1, 100);
  if (quality !== undefined && format !== 'jpeg')
    throw new UsageError('--quality applies to --format jpeg only');

  const session = openSession(values.project, { create: false });
  // Ctrl-C cancels cleanly: the partial export is removed and nothing reaches DIR.
  const abort = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\ncancelling the export…\n');
    abort.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    const project = session.backend.registry.get(session.project);
    let shown = -1;
    const result = await exportStoredSet(project.db, project.paths, {
      setId,
      dir: resolve(values.out),
      format,
      quality,
      replace: values.replace,
      modelRunId: intOption(values.model, 'model', 1, 2 ** 31 - 1),
      signal: abort.signal,
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / total);
        if (!values.json && process.stderr.isTTY && percent !== shown) {
          shown = percent;
          process.stderr.write(`\rexporting ${done}/${total}${done === total ? '\n' : ''}`);
        }
      },
    });
    return { text: exportText(result), json: { project: session.project, ...result } };
  } finally {
    process.off('SIGINT', onInterrupt);
    await session.close();
  }
}
