import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { readIdxFile } from './idx-reader';

export interface IdxSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  imagesFile: string;
}

export interface IdxDataset {
  height: number;
  width: number;
  classNames: string[];
  train: IdxSplit;
  test: IdxSplit;
  /** sha256 over the source files' bytes, in a fixed order: identifies the dataset. */
  sourceSha256: string;
}

const STEMS = {
  trainImages: ['train-images-idx3-ubyte', 'train-images.idx3-ubyte'],
  trainLabels: ['train-labels-idx1-ubyte', 'train-labels.idx1-ubyte'],
  testImages: ['t10k-images-idx3-ubyte', 't10k-images.idx3-ubyte'],
  testLabels: ['t10k-labels-idx1-ubyte', 't10k-labels.idx1-ubyte'],
};

function locate(dir: string, stems: string[]): string {
  for (const stem of stems) {
    for (const name of [`${stem}.gz`, stem]) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
  }
  throw new ApiError('invalid_data', `IDX folder ${dir} has no ${stems[0]}[.gz]`, { dir, missing: stems[0] });
}

/**
 * Reads an MNIST-style IDX folder: four files (train/t10k images and labels) and an optional
 * `classes.txt` with one class name per line (names default to the label numbers).
 */
export function readIdxDataset(dir: string): IdxDataset {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new ApiError('not_found', `dataset path ${dir} does not exist`);
  }
  if (!stat.isDirectory()) throw new ApiError('invalid_data', `dataset path ${dir} is not a folder`);
  const files = {
    trainImages: locate(dir, STEMS.trainImages),
    trainLabels: locate(dir, STEMS.trainLabels),
    testImages: locate(dir, STEMS.testImages),
    testLabels: locate(dir, STEMS.testLabels),
  };
  const train = readSplit(files.trainImages, files.trainLabels);
  const test = readSplit(files.testImages, files.testLabels);
  // The dataset's identity: the four files' own hashes, in a fixed order (each file read once).
  const hash = createHash('sha256');
  for (const h of [...train.hashes, ...test.hashes]) hash.update(h);
  if (train.height !== test.height || train.width !== test.width) {
    throw new ApiError(
      'invalid_data',
      `train images are ${train.height}×${train.width} but test images are ${test.height}×${test.width}`,
    );
  }
  const maxLabel = Math.max(maxOf(train.split.labels), maxOf(test.split.labels));
  const classesFile = join(dir, 'classes.txt');
  let classNames = Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  if (existsSync(classesFile)) {
    hash.update(readFileSync(classesFile));
    const names = readFileSync(classesFile, 'utf8')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length <= maxLabel) {
      throw new ApiError(
        'invalid_data',
        `${classesFile} names ${names.length} classes but labels go up to ${maxLabel}`,
      );
    }
    classNames = names;
  }
  return {
    height: train.height,
    width: train.width,
    classNames,
    train: train.split,
    test: test.split,
    sourceSha256: hash.digest('hex'),
  };
}

function readSplit(
  imagesFile: string,
  labelsFile: string,
): { height: number; width: number; split: IdxSplit; hashes: string[] } {
  const images = readIdxFile(imagesFile);
  const labels = readIdxFile(labelsFile);
  if (images.dims.length !== 3) {
    throw new ApiError(
      'invalid_data',
      `${imagesFile} should hold N×H×W images but has dims ${images.dims.join('×')}`,
    );
  }
  if (labels.dims.length !== 1) {
    throw new ApiError(
      'invalid_data',
      `${labelsFile} should hold N labels but has dims ${labels.dims.join('×')}`,
    );
  }
  const [count, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) {
    throw new ApiError(
      'invalid_data',
      `${imagesFile} has ${count} images but ${labelsFile} has ${labels.dims[0]} labels`,
    );
  }
  if (count === 0) throw new ApiError('invalid_data', `${imagesFile} holds no images`);
  return {
    height,
    width,
    split: { images: images.data, labels: labels.data, count, imagesFile },
    hashes: [images.fileSha256, labels.fileSha256],
  };
}

function maxOf(values: Uint8Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
