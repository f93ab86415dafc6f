import type { ImportReportDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { errorMessage } from './errors';
import { formatCount, formatDuration } from './format';

/** Narrows a job's `result` (unknown on the wire) to an import report, or null if it is not one. */
export function asImportReport(result: unknown): ImportReportDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<ImportReportDto>;
  const ok =
    typeof r.datasetId === 'number' &&
    typeof r.imported?.train === 'number' &&
    typeof r.imported?.test === 'number' &&
    typeof r.geometry?.height === 'number' &&
    Array.isArray(r.perClass) &&
    typeof r.skipped?.total === 'number' &&
    typeof r.duplicates?.groups === 'number' &&
    Array.isArray(r.warnings);
  return ok ? (result as ImportReportDto) : null;
}

/**
 * Every skip reason the importer reports (a closed set on the Node side), as a label and a
 * sentence. Unknown reasons still show, under their own name.
 */
const SKIP_REASONS: Record<string, { label: string; explanation: string }> = {
  hidden: {
    label: 'Hidden or system file',
    explanation: 'Dot files, Thumbs.db, desktop.ini, __MACOSX and the like.',
  },
  'not-an-image': {
    label: 'Not an image',
    explanation: 'No image extension, or the content is not an image whatever its name says.',
  },
  'unsupported-format': {
    label: 'Unsupported format',
    explanation: 'A real image in a format this app cannot decode (HEIC, PSD, …).',
  },
  unreadable: {
    label: 'Unreadable',
    explanation: 'Permission denied, a broken link, or not a regular file.',
  },
  'truncated-or-corrupt': {
    label: 'Truncated or corrupt',
    explanation: 'Looks like an image but does not decode completely.',
  },
  'too-large': { label: 'Too large', explanation: 'More pixels than the decoder’s safety limit.' },
  'zero-bytes': { label: 'Empty file', explanation: 'The file has zero bytes.' },
  'symlink-loop': { label: 'Link loop', explanation: 'A link back to a folder that contains it.' },
  vanished: { label: 'Vanished', explanation: 'Listed, then gone before it could be read.' },
  missing: { label: 'Missing', explanation: 'Named by the manifest but not on disk.' },
  'invalid-utf8-name': { label: 'Unreadable file name', explanation: 'The file name is not valid UTF-8.' },
  'outside-class-folder': {
    label: 'Outside a class folder',
    explanation: 'An image that is not inside any class folder, so it has no label.',
  },
  'unused-split': {
    label: 'Unused split',
    explanation: 'A split folder that is not used, e.g. val/ when test/ exists.',
  },
  'bad-row': { label: 'Bad manifest row', explanation: 'A manifest row that cannot be used.' },
  duplicate: { label: 'Duplicate', explanation: 'The same file listed twice, or a copy dropped on request.' },
  'empty-class': { label: 'Empty class', explanation: 'A class folder with no usable image.' },
};

export function skipReasonLabel(reason: string): { label: string; explanation: string } {
  return SKIP_REASONS[reason] ?? { label: reason, explanation: '' };
}

export interface SkippedExample {
  path: string;
  /** The path relative to the import source when it lies inside it. */
  shortPath: string;
  detail: string | null;
}

export interface SkippedGroup {
  reason: string;
  label: string;
  explanation: string;
  count: number;
  examples: SkippedExample[];
  /** Files of this reason the report did not list by name. */
  notListed: number;
}

/** Skipped files grouped by reason, most frequent first, each with the examples the report kept. */
export function groupSkipped(report: Pick<ImportReportDto, 'skipped' | 'source'>): SkippedGroup[] {
  const reasons = new Set([
    ...Object.keys(report.skipped.byReason),
    ...report.skipped.examples.map((e) => e.reason),
  ]);
  const groups = [...reasons].map((reason) => {
    const examples = report.skipped.examples
      .filter((e) => e.reason === reason)
      .map((e) => ({ path: e.path, shortPath: pathWithin(report.source, e.path), detail: e.detail ?? null }));
    const count = Math.max(report.skipped.byReason[reason] ?? 0, examples.length);
    return { reason, ...skipReasonLabel(reason), count, examples, notListed: count - examples.length };
  });
  return groups.sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** `path` relative to `root` when it is inside it ("/data/x/cat/1.png" in "/data/x" → "cat/1.png"). */
export function pathWithin(root: string, path: string): string {
  const trimmed = root.replace(/[\\/]+$/, '');
  if (!trimmed) return path;
  if (path.startsWith(trimmed) && (path[trimmed.length] === '/' || path[trimmed.length] === '\\')) {
    const rest = path.slice(trimmed.length + 1);
    return rest || path;
  }
  return path;
}

/** Where the train/test split came from, in words. */
export function describeSplit(report: Pick<ImportReportDto, 'splitSource' | 'imported'>): string {
  switch (report.splitSource) {
    case 'folders':
      return 'From the source’s train/ and test/ folders.';
    case 'manifest':
      return 'From the split column of the CSV manifest.';
    case 'file':
      return 'From the source’s own train and test files.';
    case 'hold-out': {
      const total = report.imported.train + report.imported.test;
      const share = total > 0 ? Math.round((report.imported.test / total) * 100) : 0;
      return `Held out at random, per class (${share}% for testing): the source has no train/test split.`;
    }
    default:
      return String(report.splitSource);
  }
}

/** "32 × 32, 3 channels (colour)" */
export function describeGeometry(g: ImportReportDto['geometry']): string {
  const channels = g.channels === 1 ? '1 channel (greyscale)' : `${g.channels} channels (colour)`;
  return `${g.height} × ${g.width} px, ${channels}`;
}

export function describeResize(g: ImportReportDto['geometry']): string {
  return g.resize === 'crop'
    ? 'Crop: scaled the short side and centre-cropped.'
    : 'Pad: fitted inside and padded with the background colour.';
}

/** The duplicates line: what was found and what the chosen policy did with it. */
export function describeDuplicates(d: ImportReportDto['duplicates']): string {
  if (d.groups === 0) {
    return d.policy === 'drop'
      ? 'No identical images kept: copies were dropped (see “Duplicate” among the skipped files).'
      : 'No identical images found.';
  }
  const groups = `${formatCount(d.groups)} group${d.groups === 1 ? '' : 's'} of identical images`;
  const copies = `${formatCount(d.extraCopies)} extra cop${d.extraCopies === 1 ? 'y' : 'ies'}`;
  return d.policy === 'keep'
    ? `${groups}, ${copies} kept (choose “Drop” to skip them).`
    : `${groups}, ${copies} left after dropping.`;
}

/** The headline: what happened to the import as a whole. */
export function describeOutcome(report: Pick<ImportReportDto, 'reused' | 'resumed' | 'imported'>): string {
  const total = report.imported.train + report.imported.test;
  const images = `${formatCount(total)} image${total === 1 ? '' : 's'}`;
  if (report.reused) return `Already imported with these options: ${images} (nothing was decoded again).`;
  if (report.resumed) return `Resumed an interrupted import and finished it: ${images}.`;
  return `Imported ${images}.`;
}

/**
 * What to show when `datasets.importReport` fails. not_found is expected for datasets imported
 * before reports existed, so it reads as information, not a fault.
 */
export function reportLoadProblem(error: unknown): { tone: 'info' | 'error'; message: string } {
  if (error instanceof ApiError && error.code === 'not_found') {
    return {
      tone: 'info',
      message: 'This dataset has no import report: it was imported before reports existed.',
    };
  }
  return { tone: 'error', message: errorMessage(error) };
}

/** "0.4 s, peak memory 198 MiB": short imports get a decimal, long ones minutes and hours. */
export function describeTime(report: Pick<ImportReportDto, 'seconds' | 'peakRssMb'>): string {
  const time =
    report.seconds < 9.95 ? `${Math.max(0, report.seconds).toFixed(1)} s` : formatDuration(report.seconds);
  return `${time}, peak memory ${formatCount(report.peakRssMb)} MiB`;
}
