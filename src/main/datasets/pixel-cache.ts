import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { ApiError } from '../../shared/rpc/errors';

/**
 * The decoded pixels of a dataset: one uint8 file, N×H×W×C in cache-index order, beside the
 * database. Small datasets are read whole; streaming/memory-mapping large ones comes with the
 * folder importer.
 */
export interface PixelCache {
  height: number;
  width: number;
  channels: number;
  count: number;
  data: Uint8Array;
}

export function readPixelCache(
  file: string,
  height: number,
  width: number,
  channels: number,
  count: number,
): PixelCache {
  const expected = height * width * channels * count;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ApiError('not_found', `pixel cache ${file} is missing; re-import the dataset`);
  }
  if (size !== expected) {
    throw new ApiError(
      'invalid_data',
      `pixel cache ${file} has ${size} bytes, expected ${expected}; re-import the dataset`,
    );
  }
  const buffer = readFileSync(file);
  return {
    height,
    width,
    channels,
    count,
    data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  };
}

export function sampleBytes(cache: Pick<PixelCache, 'height' | 'width' | 'channels'>): number {
  return cache.height * cache.width * cache.channels;
}

/** Copies the listed cache entries into one contiguous N×H×W×C array (training batches, export). */
export function gatherPixels(cache: PixelCache, cacheIndices: readonly number[]): Uint8Array {
  const size = sampleBytes(cache);
  const out = new Uint8Array(cacheIndices.length * size);
  cacheIndices.forEach((index, i) => {
    if (index < 0 || index >= cache.count)
      throw new ApiError('internal', `cache index ${index} out of range 0..${cache.count - 1}`);
    out.set(cache.data.subarray(index * size, (index + 1) * size), i * size);
  });
  return out;
}

/**
 * Some samples' pixels read straight from the cache file (N×H×W×C, cache-index order) without
 * loading the rest: thumbnails, exports and small sets from a 60,000-image cache. The file's
 * size is checked against the shape first, and short reads are retried.
 */
export function readPixelRows(
  file: string,
  shape: Pick<PixelCache, 'height' | 'width' | 'channels' | 'count'>,
  cacheIndices: readonly number[],
): Uint8Array {
  const size = sampleBytes(shape);
  const count = shape.count;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new ApiError('not_found', `pixel cache ${file} is missing; re-import the dataset`);
  }
  try {
    const bytes = fstatSync(fd).size;
    if (bytes !== count * size)
      throw new ApiError(
        'invalid_data',
        `pixel cache ${file} has ${bytes} bytes, expected ${count * size}; re-import the dataset`,
      );
    const out = new Uint8Array(cacheIndices.length * size);
    cacheIndices.forEach((index, i) => {
      if (!Number.isInteger(index) || index < 0 || index >= count)
        throw new ApiError('internal', `cache index ${index} out of range 0..${count - 1}`);
      let done = 0;
      while (done < size) {
        const n = readSync(fd, out, i * size + done, size - done, index * size + done);
        if (n === 0) throw new ApiError('invalid_data', `pixel cache ${file} ended early`);
        done += n;
      }
    });
    return out;
  } finally {
    closeSync(fd);
  }
}
