import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx, readIdxFile } from '../../../src/main/datasets/idx-reader';
import { readIdxDataset } from '../../../src/main/datasets/idx-dataset';
import { writeIdxFixture } from '../../helpers/idx-fixture';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('IDX reader', () => {
  it('parses a hand-written 2×2×3 file', () => {
    // magic 0x00000803 (uint8, 3 dims), dims 2, 2, 3 big-endian, then 12 bytes.
    const bytes = Uint8Array.from([
      0,
      0,
      8,
      3,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      3,
      ...Array.from({ length: 12 }, (_, i) => i),
    ]);
    const idx = parseIdx(bytes);
    expect(idx.dims).toEqual([2, 2, 3]);
    expect([...idx.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('reads gzipped and plain files alike, whatever their name', () => {
    const dir = tempDir();
    const data = encodeIdx([3], Uint8Array.from([7, 8, 9]));
    writeFileSync(join(dir, 'plain'), data);
    writeFileSync(join(dir, 'zipped'), gzipSync(data));
    expect([...readIdxFile(join(dir, 'plain')).data]).toEqual([7, 8, 9]);
    expect([...readIdxFile(join(dir, 'zipped')).data]).toEqual([7, 8, 9]);
  });

  it('names a wrong magic number, a truncated file and a non-byte type', () => {
    expect(() => parseIdx(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'x.idx')).toThrow(
      /x\.idx is not an IDX file: wrong magic number 0x89504e47/,
    );
    const truncated = encodeIdx([4], Uint8Array.from([1, 2, 3, 4])).subarray(0, 10);
    expect(() => parseIdx(truncated, 'y.idx')).toThrow(
      /y\.idx is truncated: header promises 4 bytes of data \(dims 4\), found 2/,
    );
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'f.idx')).toThrow(
      /data type 0xd; only unsigned bytes/,
    );
  });

  it('reports a truncated gzip stream as invalid data', () => {
    const dir = tempDir();
    const zipped = gzipSync(encodeIdx([100], new Uint8Array(100)));
    writeFileSync(join(dir, 'cut.gz'), zipped.subarray(0, zipped.length - 12));
    expect(() => readIdxFile(join(dir, 'cut.gz'))).toThrow(/gzipped but cannot be decompressed/);
  });
});

describe('IDX dataset folder', () => {
  it('reads splits, class names and a stable content hash', () => {
    const dir = tempDir();
    writeIdxFixture(dir, { classes: 3, trainPerClass: 4, testPerClass: 2, names: ['a', 'b b', 'c/d'] });
    const ds = readIdxDataset(dir);
    expect(ds.train.count).toBe(12);
    expect(ds.test.count).toBe(6);
    expect(ds.classNames).toEqual(['a', 'b b', 'c/d']);
    expect(ds.sourceSha256).toBe(readIdxDataset(dir).sourceSha256);
  });

  it('names the missing file, a missing folder and a path that is a file', () => {
    const dir = tempDir();
    expect(() => readIdxDataset(join(dir, 'nope'))).toThrow(/dataset path .*nope does not exist/);
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => readIdxDataset(join(dir, 'file'))).toThrow(/is not a folder/);
    expect(() => readIdxDataset(dir)).toThrow(/has no train-images-idx3-ubyte\[\.gz\]/);
  });

  it('refuses images and labels of different lengths', () => {
    const dir = tempDir();
    writeIdxFixture(dir, { classes: 2, trainPerClass: 2, testPerClass: 1 });
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), encodeIdx([3], Uint8Array.from([0, 1, 0])));
    expect(() => readIdxDataset(dir)).toThrow(/has 4 images but .* has 3 labels/);
  });
});
