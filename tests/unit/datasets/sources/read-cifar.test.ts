import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntry } from '../../../../src/main/datasets/sources/decode-entry';
import { readCifar } from '../../../../src/main/datasets/sources/read-cifar';
import type { EmbeddedListing } from '../../../../src/main/datasets/sources/types';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const PLANE = 1024;

/** One record: label bytes, then R, G, B planes where pixel p has R = (p + seed) % 256, G = 2·that, B = seed. */
function record(labels: number[], seed: number): Buffer {
  const out = Buffer.alloc(labels.length + 3 * PLANE);
  out.set(labels, 0);
  for (let p = 0; p < PLANE; p++) {
    out[labels.length + p] = (p + seed) % 256;
    out[labels.length + PLANE + p] = (2 * (p + seed)) % 256;
    out[labels.length + 2 * PLANE + p] = seed;
  }
  return out;
}

function expectedPixel(seed: number, p: number): number[] {
  return [(p + seed) % 256, (2 * (p + seed)) % 256, seed];
}

function pixelOf(listing: EmbeddedListing, index: number, p: number): number[] {
  const entry = listing.entries[index];
  if (!entry) throw new Error(`no entry ${index}`);
  return [...listing.pixels.subarray(entry.offset + 3 * p, entry.offset + 3 * p + 3)];
}

describe('readCifar: CIFAR-10 binary', () => {
  it('reads batches and class names, planar to interleaved, and reports missing batches', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'data_batch_1.bin'),
      Buffer.concat([record([3], 10), record([0], 20), record([9], 30)]),
    );
    writeFileSync(join(dir, 'test_batch.bin'), Buffer.concat([record([3], 40), record([1], 50)]));
    const names = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
    writeFileSync(join(dir, 'batches.meta.txt'), names.join('\n') + '\n\n');
    const listing = readCifar(dir, 'cifar10');
    expect(listing).toMatchObject({ format: 'cifar10', height: 32, width: 32, channels: 3 });
    expect(listing.classNames).toEqual(['airplane', 'automobile', 'cat', 'truck']);
    expect(listing.entries.map((e) => [e.className, e.split, e.relPath])).toEqual([
      ['cat', 'train', 'data_batch_1.bin#0'],
      ['airplane', 'train', 'data_batch_1.bin#1'],
      ['truck', 'train', 'data_batch_1.bin#2'],
      ['cat', 'test', 'test_batch.bin#0'],
      ['automobile', 'test', 'test_batch.bin#1'],
    ]);
    expect(listing.entries[4]).toEqual({
      kind: 'embedded',
      path: join(dir, 'test_batch.bin'),
      relPath: 'test_batch.bin#1',
      record: 1,
      className: 'automobile',
      split: 'test',
      bytes: 3072,
      offset: 4 * 3072,
      height: 32,
      width: 32,
      channels: 3,
    });
    expect(listing.pixels).toHaveLength(5 * 3072);
    for (const p of [0, 1, 31, 32, 500, 1023]) {
      expect(pixelOf(listing, 0, p)).toEqual(expectedPixel(10, p));
      expect(pixelOf(listing, 4, p)).toEqual(expectedPixel(50, p));
    }
    expect(listing.skipped.map((s) => [s.path, s.reason])).toEqual(
      [2, 3, 4, 5].map((n) => [join(dir, `data_batch_${n}.bin`), 'missing']),
    );
  });

  it('uses the standard names when batches.meta.txt is absent', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'test_batch.bin'), record([8], 0));
    expect(readCifar(dir, 'cifar10').entries[0]?.className).toBe('ship');
  });

  it('refuses a truncated batch, a label out of range and a folder without batches', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data_batch_1.bin'), record([1], 0));
    appendFileSync(join(dir, 'data_batch_1.bin'), Buffer.alloc(100));
    expect(() => readCifar(dir, 'cifar10')).toThrow(
      /data_batch_1\.bin is truncated or not a CIFAR-10 binary batch: 3173 bytes is not a whole number of 3073-byte records/,
    );
    writeFileSync(join(dir, 'data_batch_1.bin'), record([12], 0));
    expect(() => readCifar(dir, 'cifar10')).toThrow(/record 0 has label 12, but there are 10 classes/);
    expect(() => readCifar(tempDir(), 'cifar10')).toThrow(/holds no CIFAR-10 binary batches/);
    expect(() => readCifar(join(dir, 'nope'), 'cifar10')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('readCifar: CIFAR-100 binary', () => {
  it('reads coarse + fine label records and names classes by the fine label', async () => {
    const dir = tempDir();
    const fine = Array.from({ length: 100 }, (_, i) => `fine_${i}`);
    writeFileSync(join(dir, 'fine_label_names.txt'), fine.join('\n'));
    writeFileSync(join(dir, 'train.bin'), Buffer.concat([record([4, 72], 5), record([19, 99], 6)]));
    writeFileSync(join(dir, 'test.bin'), record([0, 0], 7));
    const listing = readCifar(dir, 'cifar100');
    expect(listing.entries.map((e) => [e.className, e.split])).toEqual([
      ['fine_72', 'train'],
      ['fine_99', 'train'],
      ['fine_0', 'test'],
    ]);
    expect(listing.classNames).toEqual(['fine_0', 'fine_72', 'fine_99']);
    expect(pixelOf(listing, 1, 77)).toEqual(expectedPixel(6, 77));
    expect(listing.skipped).toEqual([]);
    // A record goes through decodeEntry like any sample: as stored at 32×32×3, or reshaped.
    const target = {
      size: 32,
      channels: 3 as const,
      resize: 'crop' as const,
      background: { r: 0, g: 0, b: 0 },
    };
    const same = await decodeEntry(listing, listing.entries[1]!, target);
    expect(same.ok && [...same.pixels.subarray(3 * 77, 3 * 78)]).toEqual(expectedPixel(6, 77));
    const gray = await decodeEntry(listing, listing.entries[1]!, { ...target, size: 16, channels: 1 });
    expect(gray.ok && gray.pixels.length).toBe(256);
  });

  it('falls back to numbered class names and refuses a short names file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'test.bin'), record([1, 42], 0));
    expect(readCifar(dir, 'cifar100').classNames).toEqual(['42']);
    writeFileSync(join(dir, 'fine_label_names.txt'), 'apple\nbanana\n');
    expect(() => readCifar(dir, 'cifar100')).toThrow(/names 2 classes; CIFAR-100 has 100/);
  });
});
