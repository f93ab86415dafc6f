import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeScanFs } from '../../../../src/main/datasets/sources/list-folder';
import { scanImageFolder } from '../../../../src/main/datasets/sources/scan-image-folder';
import type { FileListing, SkipReason } from '../../../../src/main/datasets/sources/types';
import { decodeEntry } from '../../../../src/main/datasets/sources/decode-entry';
import { encodeImage, noiseImage, solidImage, RED, truncated } from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

let pngBytes: Buffer | undefined;
async function png(): Promise<Buffer> {
  pngBytes ??= await encodeImage(solidImage(4, 4, RED), 'png');
  return pngBytes;
}

async function writePngs(root: string, relPaths: string[]): Promise<void> {
  for (const rel of relPaths) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), await png());
  }
}

function reasons(listing: FileListing, root: string): Record<string, SkipReason> {
  return Object.fromEntries(listing.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
}

describe('scanImageFolder: layout', () => {
  it('lists one class per folder, nested folders belonging to their top folder, in byte order', async () => {
    const root = tempDir();
    await writePngs(root, ['dog/b.png', 'dog/a.png', 'cat/z.png', 'cat/sub/deeper/y.png', 'cat/sub/x.png']);
    const listing = await scanImageFolder(root);
    expect(listing).toMatchObject({
      format: 'folder',
      root,
      baseDir: root,
      classNames: ['cat', 'dog'],
      skipped: [],
    });
    expect(listing.entries.map((e) => [e.className, e.relPath, e.split])).toEqual([
      ['cat', 'cat/sub/deeper/y.png', null],
      ['cat', 'cat/sub/x.png', null],
      ['cat', 'cat/z.png', null],
      ['dog', 'dog/a.png', null],
      ['dog', 'dog/b.png', null],
    ]);
    const first = listing.entries[0];
    expect(first).toEqual({
      kind: 'file',
      path: join(root, 'cat/sub/deeper/y.png'),
      relPath: 'cat/sub/deeper/y.png',
      className: 'cat',
      split: null,
      bytes: (await png()).length,
    });
    expect(JSON.parse(JSON.stringify(listing))).toEqual(listing); // plain JSON
  });

  it('keeps class names with spaces and any script, sorted by UTF-8 bytes, and NFC-normalised', async () => {
    const root = tempDir();
    const nfd = 'cafe\u0301'; // "café" as macOS stores it
    await writePngs(root, [
      'golden retriever/1.png',
      `${nfd}/1.png`,
      'Zebra/1.png',
      '🐱 cat/1.png',
      '\uff21 wide/1.png',
    ]);
    const listing = await scanImageFolder(root);
    // UTF-8 bytes: Z (5a) < c (63) < g (67) < U+FF21 (ef bc a1) < U+1F431 (f0 9f 90 b1); UTF-16 order would put the cat before U+FF21.
    expect(listing.classNames).toEqual(['Zebra', 'café', 'golden retriever', '\uff21 wide', '🐱 cat']);
    expect(listing.classNames[1]).toBe('caf\u00e9');
    const cafe = listing.entries.find((e) => e.className === 'café');
    expect(cafe?.relPath).toBe(`${nfd}/1.png`); // the path stays as on disk
  });

  it('reads train/ and test/ split folders, classes being the union across splits', async () => {
    const root = tempDir();
    await writePngs(root, [
      'train/cat/1.png',
      'train/dog/1.png',
      'test/cat/2.png',
      'test/bird/1.png',
      'train/loose.png',
    ]);
    const listing = await scanImageFolder(root);
    expect(listing.classNames).toEqual(['bird', 'cat', 'dog']);
    expect(listing.entries.map((e) => `${e.split}:${e.relPath}`)).toEqual([
      'test:test/bird/1.png',
      'test:test/cat/2.png',
      'train:train/cat/1.png',
      'train:train/dog/1.png',
    ]);
    expect(reasons(listing, root)).toEqual({ 'train/loose.png': 'outside-class-folder' });
  });

  it('takes val/ as the test split when there is no test/, and reports it unused when there is', async () => {
    const valOnly = tempDir();
    await writePngs(valOnly, ['Train/cat/1.png', 'val/cat/2.png']);
    expect((await scanImageFolder(valOnly)).entries.map((e) => e.split)).toEqual(['train', 'test']);
    const both = tempDir();
    await writePngs(both, ['train/cat/1.png', 'test/cat/2.png', 'validation/cat/3.png']);
    const listing = await scanImageFolder(both);
    expect(listing.entries.map((e) => e.relPath)).toEqual(['test/cat/2.png', 'train/cat/1.png']);
    expect(reasons(listing, both)).toEqual({ validation: 'unused-split' });
  });

  it('treats "train" as a class when other top-level folders are not split names', async () => {
    const root = tempDir();
    await writePngs(root, ['bus/1.png', 'car/1.png', 'train/1.png']);
    const listing = await scanImageFolder(root);
    expect(listing.classNames).toEqual(['bus', 'car', 'train']);
    expect(listing.entries.every((e) => e.split === null)).toBe(true);
  });

  it('refuses a path that is missing or is a file, with a clear message', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'file.png'), await png());
    await expect(scanImageFolder(join(root, 'nope'))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/does not exist/),
    });
    await expect(scanImageFolder(join(root, 'file.png'))).rejects.toMatchObject({
      code: 'invalid_data',
      message: expect.stringMatching(/is not a folder/),
    });
  });

  it('reports loose images at the top and an empty folder without failing', async () => {
    const root = tempDir();
    await writePngs(root, ['loose.png']);
    const listing = await scanImageFolder(root);
    expect(listing.entries).toEqual([]);
    expect(reasons(listing, root)).toEqual({ 'loose.png': 'outside-class-folder' });
    expect((await scanImageFolder(tempDir())).entries).toEqual([]);
  });

  it('reports progress and stops when cancelled', async () => {
    const root = tempDir();
    await writePngs(root, ['a/1.png', 'b/1.png']);
    const seen: number[] = [];
    await scanImageFolder(root, { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(2);
    const controller = new AbortController();
    controller.abort();
    await expect(scanImageFolder(root, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});

describe('scanImageFolder: every kind of bad input', () => {
  async function badFolder(): Promise<string> {
    const root = tempDir();
    await writePngs(root, [
      'cat/good.png',
      'cat/.hidden.png',
      'cat/noext',
      'dog/only-one.png',
      '__MACOSX/cat/._good.png',
      '.git/x.png',
    ]);
    const cat = join(root, 'cat');
    writeFileSync(join(cat, '.DS_Store'), 'junk');
    writeFileSync(join(cat, 'Thumbs.db'), 'junk');
    writeFileSync(join(cat, 'desktop.ini'), 'junk');
    writeFileSync(join(cat, 'notes.txt'), 'a text file');
    writeFileSync(join(cat, 'readme'), 'a text file without extension');
    writeFileSync(join(cat, 'fake.png'), 'text pretending to be a PNG');
    writeFileSync(join(cat, 'empty.png'), '');
    writeFileSync(join(cat, 'photo.HEIC'), 'heic bytes');
    writeFileSync(join(cat, 'cut.png'), truncated(await encodeImage(noiseImage(64, 64), 'png'), 0.5));
    writeFileSync(join(cat, 'cut.jpg'), truncated(await encodeImage(noiseImage(64, 64), 'jpeg'), 0.5));
    // A name that is not valid UTF-8: "f\xff\xfe.png".
    writeFileSync(
      Buffer.concat([Buffer.from(`${cat}/`), Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x70, 0x6e, 0x67])]),
      await png(),
    );
    symlinkSync(root, join(cat, 'loop')); // back to the dataset root
    symlinkSync(join(cat, 'self'), join(cat, 'self')); // points at itself
    symlinkSync(join(root, 'nowhere.png'), join(cat, 'broken.png'));
    mkdirSync(join(root, 'empty class'));
    mkdirSync(join(root, 'junk only'));
    writeFileSync(join(root, 'junk only', '.DS_Store'), 'junk');
    return root;
  }

  it('lists the usable files and says why each other one was skipped', async () => {
    const root = await badFolder();
    const listing = await scanImageFolder(root);
    expect(listing.classNames).toEqual(['cat', 'dog']);
    // Content is not read at scan time (except for names without an extension): fake and cut files are listed, and fail when decoded.
    expect(listing.entries.map((e) => e.relPath)).toEqual([
      'cat/cut.jpg',
      'cat/cut.png',
      'cat/fake.png',
      'cat/good.png',
      'cat/noext',
      'dog/only-one.png',
    ]);
    expect(reasons(listing, root)).toEqual({
      '.git': 'hidden',
      __MACOSX: 'hidden',
      'cat/.DS_Store': 'hidden',
      'cat/.hidden.png': 'hidden',
      'cat/Thumbs.db': 'hidden',
      'cat/broken.png': 'unreadable',
      'cat/desktop.ini': 'hidden',
      'cat/empty.png': 'zero-bytes',
      'cat/f\ufffd\ufffd.png': 'invalid-utf8-name',
      'cat/loop': 'symlink-loop',
      'cat/notes.txt': 'not-an-image',
      'cat/photo.HEIC': 'unsupported-format',
      'cat/readme': 'not-an-image',
      'cat/self': 'symlink-loop',
      'empty class': 'empty-class',
      'junk only': 'empty-class',
      'junk only/.DS_Store': 'hidden',
    });
    const invalid = listing.skipped.find((s) => s.reason === 'invalid-utf8-name');
    expect(invalid?.detail).toContain('66fffe2e706e67');
    expect(listing.skipped.find((s) => s.reason === 'empty-class')?.detail).toMatch(/left out/);
  });

  it('then decoding every entry completes the report: the content checks happen there', async () => {
    const root = await badFolder();
    const listing = await scanImageFolder(root);
    const target = { size: 4, channels: 3, resize: 'crop', background: { r: 0, g: 0, b: 0 } } as const;
    const decoded: Record<string, string> = {};
    for (const entry of listing.entries) {
      const outcome = await decodeEntry(listing, entry, target);
      decoded[entry.relPath] = outcome.ok ? 'ok' : outcome.skipped.reason;
    }
    expect(decoded).toEqual({
      'cat/cut.jpg': 'truncated-or-corrupt',
      'cat/cut.png': 'truncated-or-corrupt',
      'cat/fake.png': 'not-an-image',
      'cat/good.png': 'ok',
      'cat/noext': 'ok',
      'dog/only-one.png': 'ok',
    });
  });

  it('follows symbolic links to folders and files outside the root', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    await writePngs(elsewhere, ['more/1.png', 'one.png']);
    await writePngs(root, ['cat/1.png']);
    symlinkSync(join(elsewhere, 'more'), join(root, 'cat', 'more'));
    symlinkSync(join(elsewhere, 'one.png'), join(root, 'cat', 'linked.png'));
    symlinkSync(join(elsewhere, 'more'), join(root, 'dog'));
    const listing = await scanImageFolder(root);
    expect(listing.entries.map((e) => e.relPath)).toEqual([
      'cat/1.png',
      'cat/linked.png',
      'cat/more/1.png',
      'dog/1.png',
    ]);
    expect(listing.entries[1]?.path).toBe(join(root, 'cat', 'linked.png'));
  });

  it('reports a file that disappears between listing and stat as vanished', async () => {
    const root = tempDir();
    await writePngs(root, ['cat/stays.png', 'cat/goes.png']);
    const racy = {
      ...nodeScanFs,
      async readdir(path: string, options: { encoding: 'buffer' }) {
        const names = await nodeScanFs.readdir(path, options);
        if (path.endsWith('cat')) unlinkSync(join(path, 'goes.png'));
        return names;
      },
    };
    const listing = await scanImageFolder(root, { fs: racy });
    expect(listing.entries.map((e) => e.relPath)).toEqual(['cat/stays.png']);
    expect(reasons(listing, root)).toEqual({ 'cat/goes.png': 'vanished' });
  });

  it('reports a class folder that cannot be listed, and carries on', async () => {
    const root = tempDir();
    await writePngs(root, ['cat/1.png', 'dog/1.png']);
    const denied = {
      ...nodeScanFs,
      readdir(path: string, options: { encoding: 'buffer' }) {
        if (path.endsWith('dog'))
          return Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' }));
        return nodeScanFs.readdir(path, options);
      },
    };
    const listing = await scanImageFolder(root, { fs: denied });
    expect(listing.classNames).toEqual(['cat']);
    expect(listing.skipped).toEqual([
      { path: join(root, 'dog'), reason: 'unreadable', detail: 'cannot list folder (EACCES)' },
      { path: join(root, 'dog'), reason: 'empty-class', detail: 'no usable image: class "dog" is left out' },
    ]);
  });
});
