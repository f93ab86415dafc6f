import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createListingCache } from '../../../../src/main/datasets/probe/listing-cache';
import { probeSource } from '../../../../src/main/datasets/probe/probe-source';
import { decodeImage } from '../../../../src/main/datasets/sources/decode-image';
import type { ProbePreview } from '../../../../src/shared/api/probe-dto';
import { probeParamsSchema, type ProbeParamsInput } from '../../../../src/shared/api/probe-params';
import { ApiError } from '../../../../src/shared/rpc/errors';
import { writeIdxFixture } from '../../../helpers/idx-fixture';
import { encodeImage, noiseImage, writeBytes } from '../../../helpers/image-fixtures';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const probe = (input: ProbeParamsInput, cache = createListingCache()) =>
  probeSource(probeParamsSchema.parse(input), cache);

/** train/ and test/ with two classes of 20×30 PNGs (one 16×16), plus files the listing skips. */
async function pets(root: string): Promise<void> {
  let seed = 1;
  for (const [split, n] of [
    ['train', 4],
    ['test', 2],
  ] as const) {
    for (const name of ['cat', 'dog']) {
      for (let i = 0; i < n; i++)
        writeBytes(join(root, split, name, `${i}.png`), await encodeImage(noiseImage(30, 20, seed++), 'png'));
    }
  }
  writeBytes(join(root, 'train', 'cat', 'small.png'), await encodeImage(noiseImage(16, 16, 99), 'png'));
  writeBytes(join(root, 'train', 'cat', '.DS_Store'), 'junk');
  writeBytes(join(root, 'train', 'dog', 'notes.txt'), 'hello');
  writeBytes(join(root, 'test', 'dog', 'empty.png'), '');
}

async function pixelsOf(preview: ProbePreview): Promise<Uint8Array> {
  if (!preview.ok) throw new Error(`preview failed: ${preview.reason}`);
  const png = Buffer.from(preview.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  // sharp widens a one-channel PNG to sRGB when decoding; take its one channel back.
  const grey = (await sharp(png).metadata()).channels === 1;
  const image = grey ? sharp(png).extractChannel(0) : sharp(png);
  return new Uint8Array(await image.raw().toBuffer());
}

describe('probeSource', () => {
  it('reports format, classes per split, sizes and skipped files without importing', async () => {
    const root = join(tempDir(), 'pets');
    await pets(root);
    const dto = await probe({ path: root });
    expect(dto).toMatchObject({
      source: root,
      format: 'folder',
      readerPath: root,
      total: 13,
      splitSource: 'folders',
      classes: [
        { name: 'cat', train: 5, test: 2, unsplit: 0 },
        { name: 'dog', train: 4, test: 2, unsplit: 0 },
      ],
      sizes: { examined: 13, unreadable: 0, common: { height: 20, width: 30, count: 12 }, differing: 1 },
      skipped: { total: 3, byReason: { hidden: 1, 'not-an-image': 1, 'zero-bytes': 1 } },
      target: {
        height: 20,
        width: 30,
        channels: 3,
        resize: 'crop',
        sizeFrom: 'source',
        channelsFrom: 'source',
      },
      warnings: [],
    });
    expect(dto.previews).toHaveLength(6);
    expect(dto.previews.map((p) => p.className)).toEqual(['cat', 'cat', 'cat', 'dog', 'dog', 'dog']);
  });

  it('decodes previews exactly as the import does, with the given settings', async () => {
    const root = join(tempDir(), 'pets');
    await pets(root);
    const settings = {
      size: { height: 12, width: 12 },
      channels: 1 as const,
      resize: 'pad' as const,
      background: { r: 255, g: 0, b: 0 },
    };
    const dto = await probe({ path: root, ...settings, previewCount: 2 });
    expect(dto.target).toMatchObject({ height: 12, width: 12, channels: 1, sizeFrom: 'settings' });
    for (const preview of dto.previews) {
      const expected = await decodeImage(join(root, preview.relPath), { ...settings, size: settings.size });
      expect(await pixelsOf(preview)).toEqual(expected);
    }
    const cropped = await probe({ path: root, ...settings, resize: 'crop', previewCount: 2 });
    expect(cropped.previews.map((p) => p.relPath)).toEqual(dto.previews.map((p) => p.relPath));
    expect(await pixelsOf(cropped.previews[0]!)).not.toEqual(await pixelsOf(dto.previews[0]!));
  });

  it('reads an array source whole and decodes only the previews', async () => {
    const root = tempDir();
    writeIdxFixture(root, { classes: 3, trainPerClass: 5, testPerClass: 2, names: ['a', 'b', 'c'] });
    const dto = await probe({ path: root, previewCount: 12 });
    expect(dto).toMatchObject({
      format: 'idx',
      total: 21,
      splitSource: 'file',
      classes: [
        { name: 'a', train: 5, test: 2, unsplit: 0 },
        { name: 'b', train: 5, test: 2, unsplit: 0 },
        { name: 'c', train: 5, test: 2, unsplit: 0 },
      ],
      sizes: { examined: 21, common: { height: 8, width: 8, count: 21 }, differing: 0, allGrey: true },
      target: { height: 8, width: 8, channels: 1 },
    });
    expect(dto.previews.filter((p) => p.ok)).toHaveLength(12);
  });

  it('says when no image is readable instead of failing', async () => {
    const root = tempDir();
    writeBytes(join(root, 'cat', 'a.png'), 'not a png');
    writeBytes(join(root, 'dog', 'b.png'), 'not a png either');
    const dto = await probe({ path: root });
    expect(dto.target).toBeNull();
    expect(dto.previews).toEqual([]);
    expect(dto.warnings[0]).toMatch(/none of the 2 files examined could be read as an image/);
  });

  it('names the path and the problem when it cannot look', async () => {
    const root = tempDir();
    const missing = join(root, 'nowhere');
    await expect(probe({ path: missing })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(missing),
    });
    writeFileSync(join(root, 'readme.txt'), 'hi');
    await expect(probe({ path: root })).rejects.toMatchObject({
      code: 'invalid_data',
      message: expect.stringContaining(`no dataset found in ${root}`),
    });
    mkdirSync(join(root, 'cat'));
    writeBytes(join(root, 'cat', 'a.png'), await encodeImage(noiseImage(8, 8), 'png'));
    const wrong = await probe({ path: root, format: 'idx' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect((wrong as ApiError).message).toBe(
      `${root} looks like a folder dataset, not idx; use --format auto or folder`,
    );
  });

  it('reuses the last listing of the same path only when asked', async () => {
    const root = join(tempDir(), 'pets');
    await pets(root);
    const cache = createListingCache();
    const first = await probe({ path: root }, cache);
    writeBytes(join(root, 'train', 'dog', 'late.png'), await encodeImage(noiseImage(30, 20, 77), 'png'));
    const reused = await probe({ path: root, reuseListing: true, resize: 'pad' }, cache);
    expect(reused.timing.reusedListing).toBe(true);
    expect(reused.total).toBe(first.total);
    const fresh = await probe({ path: root }, cache);
    expect(fresh.timing.reusedListing).toBe(false);
    expect(fresh.total).toBe(first.total + 1);
    // Another path is listed afresh even when reuse is asked for.
    const other = join(tempDir(), 'other');
    await pets(other);
    expect((await probe({ path: other, reuseListing: true }, cache)).timing.reusedListing).toBe(false);
  });
});
