import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/rpc/errors';
import {
  type ExportImage,
  type ExportRequest,
  exportCompressedSet,
} from '../../../src/main/datasets/export-folder';
import { placeExport, recoverInterruptedExport } from '../../../src/main/datasets/export-target';
import { parseLabelsCsv } from '../../../src/main/datasets/labels-csv';
import { decodeIntegers, decodeUnicode, readNpz } from '../../../src/main/datasets/npz-reader';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const CLASSES = ['T-shirt/top', 'CON', '..', 'cat', 'Cat'];

/** Deterministic noise pixels: n images cycling through the classes. */
function images(
  n: number,
  h: number,
  w: number,
  c: number,
  classes = CLASSES.length,
  seed = 1,
): ExportImage[] {
  let state = seed;
  return Array.from({ length: n }, (_, i) => ({
    classIndex: i % classes,
    tileSampleIds: [100 + i],
    pixels: new Uint8Array(h * w * c).map(() => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state >>> 24;
    }),
  }));
}

function request(dir: string, overrides: Partial<ExportRequest> = {}): ExportRequest {
  return {
    dir,
    height: 6,
    width: 5,
    channels: 1,
    classNames: CLASSES,
    images: images(10, 6, 5, 1),
    provenance: { appVersion: 'test', method: { prune: 'random', ipc: 2, seed: 7 } },
    fullDatasetPixelBytes: 100 * 6 * 5,
    fullDatasetImages: 100,
    ...overrides,
  };
}

async function decode(file: string, channels: number): Promise<Buffer> {
  const image = sharp(file);
  const { data, info } = await (channels === 1 ? image.toColourspace('b-w') : image)
    .raw()
    .toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(channels);
  return data;
}

function readManifest(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    format: string;
    formatVersion: number;
    appVersion: string;
    method: unknown;
    export: { format: string; quality?: number | null };
    classes: { index: number; name: string; folder: string | null; images: number }[];
    images: {
      index: number;
      file?: string;
      classIndex: number;
      tileSampleIds: number[];
      sha256?: string;
      bytes?: number;
      pixelSha256: string;
    }[];
    files: { path: string; bytes: number; sha256: string }[];
    storage: Record<string, number | string | null>;
  };
}

/** What sits beside `dir` in its parent: nothing hidden may be left. */
const siblings = (parent: string) => readdirSync(parent).sort();

describe('exportCompressedSet: png (default)', () => {
  for (const channels of [1, 3]) {
    it(`writes lossless ${channels === 1 ? 'one-channel' : 'RGB'} PNGs that decode to the exact pixels, labels.csv and a full manifest`, async () => {
      const root = tempDir();
      const dir = join(root, 'out');
      const req = request(dir, { channels, images: images(10, 6, 5, channels) });
      const result = await exportCompressedSet(req);
      expect(siblings(root)).toEqual(['out']);
      expect(result).toMatchObject({
        dir,
        format: 'png',
        quality: null,
        images: 10,
        replaced: false,
        warnings: [],
      });

      const labels = parseLabelsCsv(readFileSync(join(dir, 'labels.csv'), 'utf8'));
      const manifest = readManifest(dir);
      expect(manifest).toMatchObject({
        format: 'datapress-compressed-set',
        formatVersion: 1,
        appVersion: 'test',
        method: { ipc: 2, seed: 7 },
      });
      expect(manifest.export).toMatchObject({ format: 'png', lossless: true });
      expect(manifest.classes).toEqual([
        { index: 0, name: 'T-shirt/top', folder: 'T-shirt_top', images: 2 },
        { index: 1, name: 'CON', folder: 'CON_', images: 2 },
        { index: 2, name: '..', folder: 'class_2', images: 2 },
        { index: 3, name: 'cat', folder: 'cat', images: 2 },
        { index: 4, name: 'Cat', folder: 'Cat_2', images: 2 },
      ]);
      expect(result.perClass).toEqual(manifest.classes);
      expect(readdirSync(join(dir, 'images')).sort()).toEqual([
        'CON_',
        'Cat_2',
        'T-shirt_top',
        'cat',
        'class_2',
      ]);

      let imageBytes = 0;
      for (const [i, image] of req.images.entries()) {
        const entry = manifest.images[i]!;
        const row = labels[i]!;
        expect(row).toEqual({
          file: entry.file,
          classIndex: image.classIndex,
          className: CLASSES[image.classIndex],
        });
        expect(entry.file).toBe(
          `images/${manifest.classes[image.classIndex]!.folder}/${String(i).padStart(6, '0')}.png`,
        );
        expect(entry).toMatchObject({
          index: i,
          classIndex: image.classIndex,
          tileSampleIds: [100 + i],
          pixelSha256: sha256(image.pixels),
        });
        const file = readFileSync(join(dir, entry.file!));
        expect(entry.sha256).toBe(sha256(file));
        expect(entry.bytes).toBe(file.length);
        imageBytes += file.length;
        expect(await sharp(file).metadata()).toMatchObject({ format: 'png', width: 5, height: 6, channels });
        expect(
          Buffer.compare(await decode(join(dir, entry.file!), channels), Buffer.from(image.pixels)),
        ).toBe(0);
      }
      // Every file but the manifest is listed with its size and hash; the result adds the manifest.
      const listed = manifest.files.map((f) => f.path);
      expect(listed).toEqual([...manifest.images.map((e) => e.file), 'labels.csv']);
      for (const f of manifest.files)
        expect(f).toEqual({
          path: f.path,
          bytes: statSync(join(dir, f.path)).size,
          sha256: sha256(readFileSync(join(dir, f.path))),
        });
      expect(result.files.map((f) => f.path)).toEqual([...listed, 'manifest.json']);
      expect(result.manifestSha256).toBe(sha256(readFileSync(join(dir, 'manifest.json'))));
      expect(result.totalBytes).toBe(result.files.reduce((s, f) => s + f.bytes, 0));
      expect(result.bytes).toBe(imageBytes);
      expect(manifest.storage).toMatchObject({
        storedImages: 10,
        storedImageFormat: 'png',
        storedImageBytes: imageBytes,
        storedPixelBytes: 10 * 6 * 5 * channels,
        fullDatasetImages: 100,
        fullDatasetPixelBytes: 3000,
        ratioToFullDataset: (10 * 30 * channels) / 3000,
      });
    });
  }

  it('reports progress for every image', async () => {
    const seen: number[] = [];
    await exportCompressedSet(
      request(join(tempDir(), 'out'), { onProgress: (done, total) => seen.push(done / total) }),
    );
    expect(seen).toHaveLength(10);
    expect(seen[seen.length - 1]).toBe(1);
  });
});

describe('exportCompressedSet: jpeg', () => {
  it('writes .jpg at quality 95 by default, one channel for grayscale, no chroma subsampling, and records it', async () => {
    const dir = join(tempDir(), 'out');
    const result = await exportCompressedSet(request(dir, { format: 'jpeg' }));
    expect(result).toMatchObject({ format: 'jpeg', quality: 95 });
    const manifest = readManifest(dir);
    expect(manifest.export).toMatchObject({
      format: 'jpeg',
      quality: 95,
      jpeg: { chromaSubsampling: '4:4:4', lossy: true },
    });
    const first = manifest.images[0]!;
    expect(first.file).toMatch(/^images\/T-shirt_top\/000000\.jpg$/);
    expect(await sharp(join(dir, first.file!)).metadata()).toMatchObject({
      format: 'jpeg',
      channels: 1,
      width: 5,
      height: 6,
    });
    expect(manifest.storage.storedImageFormat).toBe('jpeg');
  });

  it('follows the quality setting (lower quality, smaller files, pixels close at high quality)', async () => {
    const smooth = Array.from({ length: 4 }, (_, i) => ({
      classIndex: i % 2,
      tileSampleIds: [i],
      pixels: new Uint8Array(32 * 32 * 3).map((_, p) => (Math.floor(p / 3) % 32) * 8 + i),
    }));
    const base = { height: 32, width: 32, channels: 3, classNames: ['a', 'b'], images: smooth };
    const low = await exportCompressedSet(
      request(join(tempDir(), 'low'), { ...base, format: 'jpeg', quality: 5 }),
    );
    const high = await exportCompressedSet(
      request(join(tempDir(), 'high'), { ...base, format: 'jpeg', quality: 100 }),
    );
    expect(low.bytes).toBeLessThan(high.bytes);
    const decoded = await decode(join(high.dir, 'images/a/000000.jpg'), 3);
    const diff = decoded.reduce((sum, v, i) => sum + Math.abs(v - smooth[0]!.pixels[i]!), 0) / decoded.length;
    expect(diff).toBeLessThan(2);
  });

  it('refuses a quality outside 1–100 and a quality for png or npz (bad_request)', async () => {
    for (const bad of [
      { format: 'jpeg' as const, quality: 0 },
      { format: 'jpeg' as const, quality: 101 },
      { format: 'jpeg' as const, quality: 9.5 },
      { quality: 90 },
      { format: 'npz' as const, quality: 90 },
    ]) {
      const root = tempDir();
      await expect(exportCompressedSet(request(join(root, 'out'), bad))).rejects.toMatchObject({
        code: 'bad_request',
      });
      expect(siblings(root)).toEqual([]);
    }
  });
});

describe('exportCompressedSet: npz', () => {
  it('writes compressed.npz (x uint8 N×H×W×C, y int64, class_names), index labels.csv and manifest.json', async () => {
    const dir = join(tempDir(), 'out');
    const req = request(dir, { format: 'npz', channels: 3, images: images(7, 6, 5, 3) });
    const result = await exportCompressedSet(req);
    expect(readdirSync(dir).sort()).toEqual(['compressed.npz', 'labels.csv', 'manifest.json']);
    const arrays = readNpz(readFileSync(join(dir, 'compressed.npz')));
    const x = arrays.get('x')!;
    expect(x).toMatchObject({ descr: '|u1', shape: [7, 6, 5, 3], fortranOrder: false });
    const size = 6 * 5 * 3;
    req.images.forEach((image, i) =>
      expect(
        Buffer.compare(Buffer.from(x.data.subarray(i * size, (i + 1) * size)), Buffer.from(image.pixels)),
      ).toBe(0),
    );
    expect(arrays.get('y')!.descr).toBe('<i8');
    expect(decodeIntegers(arrays.get('y')!)).toEqual(req.images.map((i) => i.classIndex));
    expect(decodeUnicode(arrays.get('class_names')!)).toEqual(CLASSES);

    const labels = parseLabelsCsv(readFileSync(join(dir, 'labels.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'labels.csv'), 'utf8').split('\n')[0]).toBe('index,class_index,class_name');
    expect(labels.map((l) => [Number(l.file), l.classIndex, l.className])).toEqual(
      req.images.map((img, i) => [i, img.classIndex, CLASSES[img.classIndex]]),
    );

    const manifest = readManifest(dir);
    expect(manifest.export).toMatchObject({ format: 'npz', file: 'compressed.npz' });
    expect(manifest.classes.every((c) => c.folder === null)).toBe(true);
    expect(manifest.images[3]).toMatchObject({
      index: 3,
      classIndex: 3,
      tileSampleIds: [103],
      pixelSha256: sha256(req.images[3]!.pixels),
    });
    expect(manifest.images[3]!.file).toBeUndefined();
    expect(manifest.files.map((f) => f.path)).toEqual(['compressed.npz', 'labels.csv']);
    expect(manifest.storage).toMatchObject({
      storedImageFormat: 'npz',
      storedImageBytes: 128 + 7 * size,
      storedPixelBytes: 7 * size,
    });
    expect(result.files.map((f) => f.path)).toEqual(['compressed.npz', 'labels.csv', 'manifest.json']);
  });
});

describe('export target: atomic, never clobbers', () => {
  it('refuses a non-empty folder without replace, touching nothing', async () => {
    const root = tempDir();
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    await expect(exportCompressedSet(request(dir))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/exists and is not empty/),
    });
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(siblings(root)).toEqual(['out']);
  });

  it('exports into an existing empty folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'out'));
    await exportCompressedSet(request(join(root, 'out')));
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['images', 'labels.csv', 'manifest.json']);
  });

  it('refuses a file and a symbolic link as the target', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'file'), 'x');
    await expect(exportCompressedSet(request(join(root, 'file')))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not a folder/),
    });
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    await expect(exportCompressedSet(request(join(root, 'link')))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/symbolic link/),
    });
    expect(siblings(root)).toEqual(['file', 'link', 'real']);
  });

  it('replace: swaps in the new export only once complete, and deletes the old one', async () => {
    const root = tempDir();
    const dir = join(root, 'out');
    await exportCompressedSet(request(dir, { format: 'npz' }));
    const result = await exportCompressedSet(request(dir, { replace: true }));
    expect(result.replaced).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['images', 'labels.csv', 'manifest.json']);
    expect(readManifest(dir).export.format).toBe('png');
    expect(siblings(root)).toEqual(['out']);
  });

  it('replace: refuses a non-empty folder that is not an earlier export', async () => {
    const root = tempDir();
    const dir = join(root, 'home');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.tex'), 'years of work');
    writeFileSync(join(dir, 'manifest.json'), '{"format": "something-else"}');
    await expect(exportCompressedSet(request(dir, { replace: true }))).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not an earlier datapress export/),
    });
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'thesis.tex']);
    expect(siblings(root)).toEqual(['home']);
  });

  it('a failure mid-export leaves no partial folder and the earlier export intact', async () => {
    const root = tempDir();
    const dir = join(root, 'out');
    await exportCompressedSet(request(dir));
    const before = readFileSync(join(dir, 'manifest.json'));
    for (const format of ['png', 'npz'] as const) {
      const failing = request(dir, {
        format,
        replace: true,
        onProgress: (done) => {
          if (done === 3) throw new Error('simulated crash in the middle');
        },
      });
      await expect(exportCompressedSet(failing)).rejects.toMatchObject({
        code: 'io_error',
        message: expect.stringMatching(/simulated crash/),
      });
      expect(siblings(root)).toEqual(['out']);
      expect(readFileSync(join(dir, 'manifest.json')).equals(before)).toBe(true);
    }
    const fresh = join(root, 'fresh');
    await expect(
      exportCompressedSet(
        request(fresh, {
          onProgress: () => {
            throw new Error('boom');
          },
        }),
      ),
    ).rejects.toThrow(/boom/);
    expect(siblings(root)).toEqual(['out']);
  });

  it('cancellation (AbortSignal) removes the partial export', async () => {
    const root = tempDir();
    const abort = new AbortController();
    const req = request(join(root, 'out'), {
      signal: abort.signal,
      onProgress: (done) => done === 2 && abort.abort(),
    });
    await expect(exportCompressedSet(req)).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/nothing was written/),
    });
    expect(siblings(root)).toEqual([]);
  });

  it('placeExport puts the old folder back when the new one cannot be renamed in', () => {
    const root = tempDir();
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'datapress-compressed-set' }));
    writeFileSync(join(dir, 'old.png'), 'old');
    expect(() => placeExport(join(root, '.out.partial-missing'), dir, { replace: true })).toThrow(/ENOENT/);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'old.png']);
    expect(siblings(root)).toEqual(['out']);
  });

  it('cleans up after a killed export: removes dead partials, restores an old folder whose replacement never arrived', async () => {
    const root = tempDir();
    const dir = join(root, 'out');
    const dead = 2 ** 30; // above any pid_max
    mkdirSync(join(root, `.out.partial-${dead}-0123abcd`));
    writeFileSync(join(root, `.out.partial-${dead}-0123abcd`, 'half.png'), 'x');
    mkdirSync(join(root, `.out.old-${dead}-89abcdef`));
    writeFileSync(join(root, `.out.old-${dead}-89abcdef`, 'manifest.json'), '{}');
    mkdirSync(join(root, `.other.partial-${dead}-0123abcd`)); // another target's: left alone
    mkdirSync(join(root, `.out.partial-${process.pid}-00000000`)); // a live process's: left alone
    const done = recoverInterruptedExport(dir);
    expect(done).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['manifest.json']);
    expect(siblings(root)).toEqual([
      `.other.partial-${dead}-0123abcd`,
      `.out.partial-${process.pid}-00000000`,
      'out',
    ]);
    rmSync(join(root, `.out.partial-${process.pid}-00000000`), { recursive: true });

    // A new export to the target recovers first, then refuses the restored non-empty folder.
    mkdirSync(join(root, `.out.partial-${dead}-fedcba98`));
    await expect(exportCompressedSet(request(dir))).rejects.toMatchObject({ code: 'conflict' });
    expect(siblings(root)).toEqual([`.other.partial-${dead}-0123abcd`, 'out']);
  });
});

/** A tiny tmpfs for a real ENOSPC (root only); null when mounting is not possible here. */
function mountTinyDisk(dir: string, size: string): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  return run.status === 0
    ? null
    : `cannot mount a tmpfs (${(run.stderr || run.error?.message || 'unknown').trim()}); needs root`;
}

describe('a full disk', () => {
  it('gives "not enough space on the disk holding …", removes the partial export and keeps the earlier one', async (ctx) => {
    const disk = join(tempDir(), 'disk');
    mkdirSync(disk);
    const reason = mountTinyDisk(disk, '96k');
    if (reason) {
      ctx.skip(`ENOSPC test skipped: ${reason}`);
      return;
    }
    try {
      const dir = join(disk, 'out');
      // A small earlier export fits…
      await exportCompressedSet(request(dir, { images: images(2, 6, 5, 1) }));
      const before = readFileSync(join(dir, 'manifest.json'));
      // …noise that cannot be compressed does not (about 300 KB of pixels on a 96 KB disk).
      const big = {
        height: 32,
        width: 32,
        channels: 3,
        classNames: ['a', 'b'],
        images: images(100, 32, 32, 3, 2),
      };
      for (const format of ['png', 'npz'] as const) {
        const error = (await exportCompressedSet(request(dir, { ...big, format, replace: true })).catch(
          (e: unknown) => e,
        )) as ApiError;
        expect(error).toBeInstanceOf(ApiError);
        expect(error.code).toBe('io_error');
        expect(error.message).toMatch(
          new RegExp(`^not enough space on the disk holding ${disk} \\(\\d+(\\.\\d)? [KMG]?B(ytes)? free\\)`),
        );
        expect(readdirSync(disk)).toEqual(['out']);
        expect(readFileSync(join(dir, 'manifest.json')).equals(before)).toBe(true);
      }
    } finally {
      // A lazy unmount if something still holds the disk, so the temp folder can go.
      if (spawnSync('umount', [disk]).status !== 0) spawnSync('umount', ['-l', disk]);
    }
  });
});
