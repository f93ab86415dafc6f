import { resolve } from 'node:path';
import type { ImportReportDto } from '../../../shared/api/dto';
import { UsageError } from '../cli-error';
import { intOption, parseCommandArgs } from '../args';
import type { CommandResult } from '../command';
import { followJob, jobFailure, openSession } from '../session';
import { importReportText } from '../import-report-text';

export const IMPORT_HELP = `datapress import — import a dataset into a project

Usage: datapress import <path> [options]

<path> is an ImageFolder (one sub-folder per class; optional train/ and test/ or val/ top
folders), an MNIST-style IDX folder, a CIFAR-10/100 binary folder, or a CSV manifest
(path,label[,split] with paths relative to the CSV). Images are decoded once into the project's
pixel cache; bad files are skipped and reported by reason. Re-running the same import resumes
an interrupted one or reuses a finished one.

Options:
  --format F         auto|folder|idx|cifar|csv (default auto)
  --name NAME        dataset name (default: the folder name)
  --size HxW|N       working resolution (default: the most common size, longer side capped)
  --size-cap N       cap for the default resolution's longer side (default 64)
  --channels 1|3     default: 1 when every probed image is grayscale, else 3
  --resize crop|pad  short side to size and centre-crop (default), or fit and pad
  --background R,G,B padding and transparency background (default 255,255,255)
  --test-fraction F  held-out test share per class when the source has no split (default 0.2)
  --seed N           seed of that hold-out (default 0)
  --drop-duplicates  skip images whose bytes equal an earlier one (default: keep and report)
  --project DIR      project folder (created if missing)
  --json             print the import report as JSON
`;

export async function importCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      format: { type: 'string' },
      name: { type: 'string' },
      size: { type: 'string' },
      'size-cap': { type: 'string' },
      channels: { type: 'string' },
      resize: { type: 'string' },
      background: { type: 'string' },
      'test-fraction': { type: 'string' },
      seed: { type: 'string' },
      'drop-duplicates': { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) return { text: IMPORT_HELP };
  if (positionals.length !== 1)
    throw new UsageError('import needs exactly one <path>; run datapress import --help');
  const params = {
    path: resolve(positionals[0] as string),
    format: values.format as 'auto' | undefined,
    name: values.name,
    size: parseSize(values.size),
    sizeCap: intOption(values['size-cap'], 'size-cap', 4, 1024),
    channels: parseChannels(values.channels),
    resize: values.resize as 'crop' | undefined,
    background: parseBackground(values.background),
    testFraction: parseFraction(values['test-fraction']),
    seed: intOption(values.seed, 'seed', 0, 2 ** 31 - 1),
    duplicates: values['drop-duplicates'] ? ('drop' as const) : ('keep' as const),
  };
  const session = openSession(values.project, { create: true });
  try {
    const job = await session.api.call('datasets.import', { project: session.project, params });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const report = finished.result as ImportReportDto;
    return { text: importReportText(report), json: report };
  } finally {
    await session.close();
  }
}

function parseSize(value: string | undefined): number | { height: number; width: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--size must be N or HxW (e.g. 32 or 28x28), got "${value}"`);
  return m[2] === undefined ? Number(m[1]) : { height: Number(m[1]), width: Number(m[2]) };
}

function parseBackground(value: string | undefined): { r: number; g: number; b: number } | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new UsageError(`--background must be R,G,B with values 0-255, got "${value}"`);
  }
  return { r: parts[0] as number, g: parts[1] as number, b: parts[2] as number };
}

function parseFraction(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 0.9)
    throw new UsageError(`--test-fraction must be a number from 0 to 0.9, got "${value}"`);
  return n;
}

function parseChannels(value: string | undefined): 1 | 3 | undefined {
  if (value === undefined) return undefined;
  if (value !== '1' && value !== '3') throw new UsageError(`--channels must be 1 or 3, got "${value}"`);
  return Number(value) as 1 | 3;
}
