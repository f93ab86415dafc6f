import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { parseCsvRecords, type CsvRecord } from './csv-records';
import { classifyByExtension, normaliseClassName, sortByUtf8 } from './file-names';
import type { FileEntry, FileListing, SkipReason, SkippedFile, SplitName } from './types';

export interface CsvManifestOptions {
  signal?: AbortSignal;
}

const PATH_COLUMNS = [
  'path',
  'file',
  'filename',
  'file_name',
  'filepath',
  'file_path',
  'image',
  'image_path',
  'img',
  'image_name',
];
/** In preference order: our own export writes class_index and class_name; the name wins. */
const LABEL_COLUMNS = ['label', 'class_name', 'classname', 'class', 'category', 'target', 'class_index', 'y'];
const SPLIT_COLUMNS = ['split', 'subset', 'set'];
const SPLIT_VALUES: Record<string, SplitName> = {
  train: 'train',
  training: 'train',
  test: 'test',
  testing: 'test',
  val: 'test',
  valid: 'test',
  validation: 'test',
};
const PARALLEL_STATS = 64;

interface Columns {
  path: number;
  label: number;
  split: number | null;
}

/**
 * Reads a CSV manifest: one image per row, `path,label[,split]`. A header row is optional
 * (recognised by its column names, or by a first row that does not name an image while the
 * second does). Relative paths are relative to the CSV's folder; labels are class names.
 * Surrounding spaces in paths and labels are ignored.
 */
export async function readCsvManifest(
  csvFile: string,
  options: CsvManifestOptions = {},
): Promise<FileListing> {
  const file = resolve(csvFile);
  const baseDir = dirname(file);
  const records = parseCsvRecords(await readManifestText(file), file);
  if (records.length === 0) throw new ApiError('invalid_data', `${file} holds no rows`);
  const { columns, body } = findColumns(records, file);
  const skipped: SkippedFile[] = [];
  const candidates: { record: CsvRecord; path: string; className: string; split: SplitName | null }[] = [];
  const firstLineOf = new Map<string, number>();
  const where = (record: CsvRecord): string => `${file}:${record.line}`;
  for (const record of body) {
    if (record.fields.every((f) => f.trim() === '')) continue; // a line of spaces or bare commas
    const rawPath = (record.fields[columns.path] ?? '').trim();
    const label = (record.fields[columns.label] ?? '').trim();
    const rawSplit = columns.split === null ? '' : (record.fields[columns.split] ?? '').trim().toLowerCase();
    if (!rawPath || !label) {
      skipped.push({
        path: where(record),
        reason: 'bad-row',
        detail: !rawPath ? 'no file path' : 'no label',
      });
      continue;
    }
    const split = rawSplit === '' ? null : (SPLIT_VALUES[rawSplit] ?? undefined);
    if (split === undefined) {
      skipped.push({
        path: where(record),
        reason: 'bad-row',
        detail: `unknown split "${rawSplit}" (expected train, test or val)`,
      });
      continue;
    }
    const path = isAbsolute(rawPath) ? rawPath : resolve(baseDir, rawPath);
    const first = firstLineOf.get(path);
    if (first !== undefined) {
      skipped.push({
        path,
        reason: 'duplicate',
        detail: `line ${record.line} repeats the file of line ${first}; the first row is used`,
      });
      continue;
    }
    firstLineOf.set(path, record.line);
    candidates.push({ record, path, className: normaliseClassName(label), split });
  }
  const entries: FileEntry[] = [];
  for (let i = 0; i < candidates.length; i += PARALLEL_STATS) {
    if (options.signal?.aborted) throw new ApiError('cancelled', 'reading the manifest was cancelled');
    const batch = candidates.slice(i, i + PARALLEL_STATS);
    const checked = await Promise.all(batch.map((c) => checkFile(c.path)));
    batch.forEach((candidate, j) => {
      const result = checked[j] as Checked;
      if ('reason' in result) {
        skipped.push(
          result.detail === undefined
            ? { path: result.path, reason: result.reason }
            : { path: result.path, reason: result.reason, detail: result.detail },
        );
        return;
      }
      const relPath = relative(baseDir, result.path).split(sep).join('/');
      entries.push({
        kind: 'file',
        path: result.path,
        relPath,
        className: candidate.className,
        split: candidate.split,
        bytes: result.stats.size,
      });
    });
  }
  return {
    format: 'csv',
    root: file,
    baseDir,
    classNames: sortByUtf8([...new Set(entries.map((e) => e.className))], (c) => c),
    entries: sortByUtf8(
      entries,
      (e) => e.className,
      (e) => e.relPath,
    ),
    skipped,
  };
}

async function readManifestText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ApiError('not_found', `manifest ${file} does not exist`);
    if (code === 'EISDIR') throw new ApiError('invalid_data', `${file} is a folder, not a CSV manifest`);
    throw new ApiError('io_error', `cannot read manifest ${file} (${code ?? (error as Error).message})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('invalid_data', `manifest ${file} is not UTF-8 text; save it as UTF-8 CSV`);
  }
}

function findColumns(records: CsvRecord[], file: string): { columns: Columns; body: CsvRecord[] } {
  const [first, second] = records as [CsvRecord, CsvRecord | undefined];
  const names = first.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const pick = (wanted: string[]): number => {
    for (const w of wanted) {
      const at = names.indexOf(w);
      if (at >= 0) return at;
    }
    return -1;
  };
  const path = pick(PATH_COLUMNS);
  const label = pick(LABEL_COLUMNS);
  const split = pick(SPLIT_COLUMNS);
  if (path >= 0 && label >= 0)
    return { columns: { path, label, split: split >= 0 ? split : null }, body: records.slice(1) };
  if (path >= 0 || label >= 0) {
    throw new ApiError(
      'invalid_data',
      `${file}: the header names ${path >= 0 ? 'a file column but no label column' : 'a label column but no file column'} (columns: ${first.fields.join(', ')})`,
    );
  }
  if (first.fields.length < 2)
    throw new ApiError('invalid_data', `${file}: expected at least two columns, file path and label`);
  const looksLikeFile = (record: CsvRecord | undefined): boolean =>
    record !== undefined &&
    classifyByExtension((record.fields[0] ?? '').trim()) !== 'other' &&
    classifyByExtension((record.fields[0] ?? '').trim()) !== 'no-extension';
  const unknownHeader = !looksLikeFile(first) && looksLikeFile(second);
  return {
    columns: { path: 0, label: 1, split: first.fields.length >= 3 ? 2 : null },
    body: unknownHeader ? records.slice(1) : records,
  };
}

type Checked = { path: string; stats: Stats } | { path: string; reason: SkipReason; detail?: string };

async function checkFile(path: string): Promise<Checked> {
  let found = await statOrError(path);
  // A manifest written on Windows may use backslashes; try them as separators if the name is absent.
  if (typeof found === 'string' && found === 'ENOENT' && path.includes('\\') && sep === '/') {
    const alt = path.replace(/\\/g, '/');
    const retry = await statOrError(alt);
    if (typeof retry !== 'string') {
      path = alt;
      found = retry;
    }
  }
  if (typeof found === 'string') {
    if (found === 'ENOENT' || found === 'ENOTDIR')
      return { path, reason: 'missing', detail: 'named in the manifest but not found' };
    return { path, reason: 'unreadable', detail: found };
  }
  if (found.isDirectory()) return { path, reason: 'not-an-image', detail: 'a folder, not a file' };
  if (!found.isFile()) return { path, reason: 'unreadable', detail: 'not a regular file' };
  const kind = classifyByExtension(path);
  if (kind === 'other') return { path, reason: 'not-an-image', detail: 'no image file extension' };
  if (kind === 'unsupported-image')
    return { path, reason: 'unsupported-format', detail: 'this image format cannot be decoded' };
  if (found.size === 0) return { path, reason: 'zero-bytes' };
  return { path, stats: found };
}

async function statOrError(path: string): Promise<Stats | string> {
  try {
    return await stat(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}
