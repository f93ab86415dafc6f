import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import type { EmbeddedEntry, EmbeddedListing, SkippedFile, SplitName } from './types';

const SIDE = 32;
const PIXELS = SIDE * SIDE;
const IMAGE_BYTES = 3 * PIXELS;

export const CIFAR10_TRAIN_FILES = [
  'data_batch_1.bin',
  'data_batch_2.bin',
  'data_batch_3.bin',
  'data_batch_4.bin',
  'data_batch_5.bin',
];
export const CIFAR10_TEST_FILE = 'test_batch.bin';
export const CIFAR100_FILES = { train: 'train.bin', test: 'test.bin' };

/** Used when batches.meta.txt is missing: the names every copy of CIFAR-10 ships with. */
const CIFAR10_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

interface Variant {
  format: 'cifar10' | 'cifar100';
  /** Label bytes before the pixels, and which of them is the class. */
  labelBytes: number;
  labelAt: number;
  classCount: number;
  namesFile: string;
  files: { name: string; split: SplitName }[];
}

const VARIANTS: Record<'cifar10' | 'cifar100', Variant> = {
  cifar10: {
    format: 'cifar10',
    labelBytes: 1,
    labelAt: 0,
    classCount: 10,
    namesFile: 'batches.meta.txt',
    files: [
      ...CIFAR10_TRAIN_FILES.map((name) => ({ name, split: 'train' as const })),
      { name: CIFAR10_TEST_FILE, split: 'test' },
    ],
  },
  cifar100: {
    format: 'cifar100',
    labelBytes: 2, // coarse label, then fine label
    labelAt: 1,
    classCount: 100,
    namesFile: 'fine_label_names.txt',
    files: [
      { name: CIFAR100_FILES.train, split: 'train' },
      { name: CIFAR100_FILES.test, split: 'test' },
    ],
  },
};

/**
 * Reads the binary version of CIFAR-10 (data_batch_1..5.bin, test_batch.bin; record = label
 * byte + 1024 R + 1024 G + 1024 B) or CIFAR-100 (train.bin, test.bin; record = coarse label +
 * fine label + the same planes; classes are the fine labels). Planes become interleaved
 * 32×32×3. Batches that are absent are reported as missing; a batch of the wrong size is an error.
 */
export function readCifar(dir: string, format: 'cifar10' | 'cifar100'): EmbeddedListing {
  const root = resolve(dir);
  if (!existsSync(root)) throw new ApiError('not_found', `dataset folder ${root} does not exist`);
  if (!statSync(root).isDirectory()) throw new ApiError('invalid_data', `${root} is not a folder`);
  const variant = VARIANTS[format];
  const recordBytes = variant.labelBytes + IMAGE_BYTES;
  const present = variant.files.filter((f) => existsSync(join(root, f.name)));
  if (present.length === 0) {
    throw new ApiError(
      'invalid_data',
      `${root} holds no ${format === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'} binary batches (expected ${variant.files.map((f) => f.name).join(', ')})`,
    );
  }
  const skipped: SkippedFile[] = variant.files
    .filter((f) => !present.includes(f))
    .map((f) => ({
      path: join(root, f.name),
      reason: 'missing' as const,
      detail: 'batch not found; the others were read',
    }));
  const names = readClassNames(root, variant);

  // Sizes first, so a bad batch is refused before anything is allocated; then one batch in memory at a time.
  const batches = present.map((f) => {
    const path = join(root, f.name);
    const size = statSync(path).size;
    if (size === 0 || size % recordBytes !== 0) {
      throw new ApiError(
        'invalid_data',
        `${path} is truncated or not a ${format === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'} binary batch: ${size} bytes is not a whole number of ${recordBytes}-byte records`,
        { file: path, bytes: size, recordBytes },
      );
    }
    return { ...f, path, count: size / recordBytes };
  });
  const total = batches.reduce((n, b) => n + b.count, 0);
  const pixels = new Uint8Array(total * IMAGE_BYTES);
  const entries: EmbeddedEntry[] = [];
  for (const batch of batches) {
    const file = basename(batch.path);
    const bytes = readFileSync(batch.path);
    if (bytes.length !== batch.count * recordBytes)
      throw new ApiError('invalid_data', `${batch.path} changed while it was being read`);
    for (let record = 0; record < batch.count; record++) {
      const at = record * recordBytes;
      const label = bytes[at + variant.labelAt] as number;
      const className = names[label];
      if (className === undefined) {
        throw new ApiError(
          'invalid_data',
          `${batch.path} record ${record} has label ${label}, but there are ${names.length} classes`,
        );
      }
      const offset = entries.length * IMAGE_BYTES;
      planarToInterleaved(bytes, at + variant.labelBytes, pixels, offset);
      entries.push({
        kind: 'embedded',
        path: batch.path,
        relPath: `${file}#${record}`,
        record,
        className,
        split: batch.split,
        bytes: IMAGE_BYTES,
        offset,
        height: SIDE,
        width: SIDE,
        channels: 3,
      });
    }
  }
  const used = new Set(entries.map((e) => e.className));
  return {
    format,
    root,
    baseDir: root,
    classNames: names.filter((n) => used.has(n)),
    entries,
    skipped,
    height: SIDE,
    width: SIDE,
    channels: 3,
    pixels,
  };
}

/** R plane, G plane, B plane (1024 bytes each) to RGBRGB... */
export function planarToInterleaved(source: Uint8Array, from: number, target: Uint8Array, to: number): void {
  for (let p = 0; p < PIXELS; p++) {
    target[to + 3 * p] = source[from + p] as number;
    target[to + 3 * p + 1] = source[from + PIXELS + p] as number;
    target[to + 3 * p + 2] = source[from + 2 * PIXELS + p] as number;
  }
}

function readClassNames(root: string, variant: Variant): string[] {
  const file = join(root, variant.namesFile);
  if (!existsSync(file)) {
    return variant.format === 'cifar10'
      ? [...CIFAR10_NAMES]
      : Array.from({ length: variant.classCount }, (_, i) => String(i));
  }
  const names = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length < variant.classCount) {
    throw new ApiError(
      'invalid_data',
      `${file} names ${names.length} classes; ${variant.format === 'cifar10' ? 'CIFAR-10' : 'CIFAR-100'} has ${variant.classCount}`,
    );
  }
  return names.slice(0, variant.classCount);
}
