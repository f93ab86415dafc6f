import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntry } from '../../../../src/main/datasets/sources/decode-entry';
import { detectFormat, detectSource } from '../../../../src/main/datasets/sources/detect-format';
import { readSource } from '../../../../src/main/datasets/sources/read-source';
import { writeIdxFixture } from '../../../helpers/idx-fixture';
import { encodeImage, solidImage, RED } from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

async function writePng(path: string): Promise<void> {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, await encodeImage(solidImage(2, 2, RED), 'png'));
}

describe('detectFormat', () => {
  it('recognises each format', async () => {
    const folder = tempDir();
    await writePng(join(folder, 'cat', '1.png'));
    expect(detectFormat(folder)).toBe('folder');

    const idx = tempDir();
    writeIdxFixture(idx, { classes: 2, trainPerClass: 1, testPerClass: 1 });
    expect(detectFormat(idx)).toBe('idx');

    const cifar10 = tempDir();
    writeFileSync(join(cifar10, 'data_batch_3.bin'), '');
    writeFileSync(join(cifar10, 'readme.html'), '');
    expect(detectFormat(cifar10)).toBe('cifar10');

    const cifar100 = tempDir();
    writeFileSync(join(cifar100, 'train.bin'), '');
    writeFileSync(join(cifar100, 'fine_label_names.txt'), '');
    expect(detectFormat(cifar100)).toBe('cifar100');

    const csv = tempDir();
    writeFileSync(join(csv, 'list.CSV'), 'a.png,cat\n');
    await writePng(join(csv, 'a.png'));
    expect(detectSource(join(csv, 'list.CSV'))).toEqual({ format: 'csv', path: join(csv, 'list.CSV') });
    // A folder with no sub-folders and one CSV: the CSV is the manifest.
    expect(detectSource(csv)).toEqual({ format: 'csv', path: join(csv, 'list.CSV') });
  });

  it("reads the app's own export folder through its labels.csv, not as a class folder called images", async () => {
    const dir = tempDir();
    await writePng(join(dir, 'images', 'cat', '000000.png'));
    writeFileSync(join(dir, 'labels.csv'), 'file,class_index,class_name\nimages/cat/000000.png,0,cat\n');
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(detectSource(dir)).toEqual({ format: 'csv', path: join(dir, 'labels.csv') });
    const listing = await readSource(dir);
    expect(listing.classNames).toEqual(['cat']);
  });

  it('explains what is wrong when nothing matches', async () => {
    const root = tempDir();
    expect(() => detectFormat(join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => detectFormat(root)).toThrow(/no dataset found in .*class/);
    await writePng(join(root, 'loose.png'));
    expect(() => detectFormat(root)).toThrow(/holds images but no class folders/);
    expect(() => detectFormat(join(root, 'loose.png'))).toThrow(/is a file; choose a folder/);
    writeFileSync(join(root, 'a.csv'), '');
    writeFileSync(join(root, 'b.csv'), '');
    expect(() => detectFormat(root)).toThrow(/several CSV files \(a\.csv, b\.csv\)/);

    const parent = tempDir();
    mkdirSync(join(parent, 'cifar-10-batches-bin'));
    writeFileSync(join(parent, 'cifar-10-batches-bin', 'test_batch.bin'), '');
    expect(() => detectFormat(parent)).toThrow(
      /looks like a cifar10 dataset; choose .*cifar-10-batches-bin instead/,
    );
    expect(() => detectFormat(join(parent, 'cifar-10-batches-bin', 'test_batch.bin'))).toThrow(
      /choose the folder that holds it/,
    );
  });
});

describe('readSource', () => {
  it('lists an IDX folder as embedded grayscale records in the common shape', async () => {
    const dir = tempDir();
    writeIdxFixture(dir, {
      classes: 3,
      trainPerClass: 2,
      testPerClass: 1,
      size: 4,
      names: ['zero', 'one', 'two'],
    });
    const listing = await readSource(dir);
    if (listing.format !== 'idx') throw new Error(`expected idx, got ${listing.format}`);
    expect(listing).toMatchObject({
      height: 4,
      width: 4,
      channels: 1,
      classNames: ['zero', 'one', 'two'],
      skipped: [],
    });
    expect(listing.entries).toHaveLength(9);
    expect(listing.entries.map((e) => e.split)).toEqual([
      ...Array(6).fill('train'),
      ...Array(3).fill('test'),
    ]);
    // writeIdxFixture fills image i of a split with (label·40 + i·7 + p) mod 256, label = i mod classes.
    const test1 = listing.entries[7];
    expect(test1).toMatchObject({
      relPath: 't10k-images-idx3-ubyte.gz#1',
      record: 1,
      className: 'one',
      offset: 7 * 16,
    });
    const target = {
      size: 4,
      channels: 1 as const,
      resize: 'crop' as const,
      background: { r: 0, g: 0, b: 0 },
    };
    const outcome = await decodeEntry(listing, test1!, target);
    expect(outcome.ok && [...outcome.pixels]).toEqual(
      Array.from({ length: 16 }, (_, p) => (40 + 7 + p) % 256),
    );
  });

  it('scans a folder and reads a CIFAR folder through the same entry point', async () => {
    const folder = tempDir();
    await writePng(join(folder, 'a', '1.png'));
    expect((await readSource(folder)).format).toBe('folder');
    const cifar = tempDir();
    writeFileSync(join(cifar, 'test_batch.bin'), Buffer.alloc(3073));
    const listing = await readSource(cifar);
    expect(listing).toMatchObject({ format: 'cifar10', classNames: ['airplane'] });
  });
});
