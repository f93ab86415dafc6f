import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { classifyByExtension, isHiddenName } from './file-names';
import type { SourceFormat } from './types';

export interface DetectedSource {
  format: SourceFormat;
  /** What to hand the format's reader: the folder itself, or the CSV file inside it. */
  path: string;
}

/** The IDX names idx-dataset.ts accepts for the training images. */
const IDX_TRAIN_IMAGES = ['train-images-idx3-ubyte', 'train-images.idx3-ubyte'].flatMap((s) => [
  s,
  `${s}.gz`,
]);
const CIFAR10_MARKERS = /^(data_batch_[1-5]|test_batch)\.bin$/;
const CIFAR100_MARKERS = ['train.bin', 'test.bin'];
const LABEL_NAMES =
  'folder with one sub-folder per class, an IDX folder (train-images-idx3-ubyte…), CIFAR-10/100 binary batches, or a CSV manifest';

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ApiError('not_found', `dataset path ${path} does not exist`);
    throw new ApiError('io_error', `cannot open ${path} (${code ?? (error as Error).message})`);
  }
}

/** A format that a folder's own file names identify, without looking at sub-folders. */
function arrayFormatOf(names: readonly string[]): { format: SourceFormat; file?: string } | null {
  const lower = names.map((n) => n.toLowerCase());
  if (lower.some((n) => IDX_TRAIN_IMAGES.includes(n))) return { format: 'idx' };
  if (lower.some((n) => CIFAR10_MARKERS.test(n))) return { format: 'cifar10' };
  if (lower.some((n) => CIFAR100_MARKERS.includes(n))) return { format: 'cifar100' };
  // What export-folder.ts writes: images/<class>/…, labels.csv (with the real class names), manifest.json.
  if (lower.includes('labels.csv') && lower.includes('manifest.json'))
    return { format: 'csv', file: names[lower.indexOf('labels.csv')] as string };
  return null;
}

/**
 * Works out which reader a path needs. Folders are recognised by their file names (IDX,
 * CIFAR, an exported set), else as an ImageFolder when they have sub-folders, else as a CSV
 * manifest when they hold exactly one .csv. Throws a clear ApiError when nothing fits.
 */
export function detectSource(path: string): DetectedSource {
  const abs = resolve(path);
  const stats = statOf(abs);
  if (!stats.isDirectory()) {
    if (extname(abs).toLowerCase() === '.csv') return { format: 'csv', path: abs };
    const inside = arrayFormatOf([basename(abs)]);
    if (inside && inside.format !== 'csv') {
      throw new ApiError(
        'invalid_data',
        `${abs} is one file of a ${inside.format} dataset; choose the folder that holds it (${dirname(abs)})`,
      );
    }
    throw new ApiError('invalid_data', `${abs} is a file; choose a ${LABEL_NAMES}`);
  }
  let names: string[];
  try {
    names = readdirSync(abs).filter((n) => !isHiddenName(n));
  } catch (error) {
    throw new ApiError(
      'io_error',
      `cannot list ${abs} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const own = arrayFormatOf(names);
  if (own) return { format: own.format, path: own.file ? join(abs, own.file) : abs };
  const isDir = (name: string): boolean => {
    try {
      return statSync(join(abs, name)).isDirectory();
    } catch {
      return false;
    }
  };
  const subdirs = names.filter(isDir);
  if (subdirs.length === 1) {
    const only = join(abs, subdirs[0] as string);
    let inner: ReturnType<typeof arrayFormatOf> = null;
    try {
      inner = arrayFormatOf(readdirSync(only));
    } catch {
      // unreadable: let the folder reader report it
    }
    if (inner && names.length === 1) {
      throw new ApiError(
        'invalid_data',
        `${abs} holds a single folder that looks like a ${inner.format} dataset; choose ${only} instead`,
        {
          suggestion: only,
          format: inner.format,
        },
      );
    }
  }
  if (subdirs.length > 0) return { format: 'folder', path: abs };
  const csvs = names.filter((n) => extname(n).toLowerCase() === '.csv');
  if (csvs.length === 1) return { format: 'csv', path: join(abs, csvs[0] as string) };
  if (csvs.length > 1)
    throw new ApiError(
      'invalid_data',
      `${abs} holds several CSV files (${csvs.join(', ')}); choose the manifest file itself`,
    );
  if (names.some((n) => classifyByExtension(n) === 'image')) {
    throw new ApiError(
      'invalid_data',
      `${abs} holds images but no class folders: put each class's images in a sub-folder named after the class, or describe them in a CSV manifest (path,label)`,
    );
  }
  throw new ApiError('invalid_data', `no dataset found in ${abs}; expected a ${LABEL_NAMES}`);
}

export function detectFormat(path: string): SourceFormat {
  return detectSource(path).format;
}
