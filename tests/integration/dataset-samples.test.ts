import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thumbnailPng, THUMBNAIL_MAX_SIDE } from '../../src/main/api/sample-pages';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { SAMPLE_PAGE_MAX } from '../../src/shared/api/contract';
import type { SampleThumbnail } from '../../src/shared/api/dto';
import { connect, type ApiSession } from '../helpers/api-session';

/**
 * `datasets.samples` through the real API: the embedded Fashion-MNIST sample, 25 images per
 * class and split (250 training images), read back page by page.
 */
const PER_CLASS = 25;
let workspace: string;
let session: ApiSession;
let datasetId: number;
const project = 'browse';

beforeAll(async () => {
  // One workspace for the file (useTempDirs would remove it after the first test).
  workspace = mkdtempSync(join(tmpdir(), 'datapress-samples-'));
  session = connect(workspace);
  await session.api.call('projects.create', { project });
  const result = (await session.run(
    await session.api.call('datasets.import', {
      project,
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: PER_CLASS },
    }),
  )) as { datasetId: number };
  datasetId = result.datasetId;
}, 120_000);

afterAll(async () => {
  await session?.backend.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

async function everyPage(limit: number, filter: { classIndex?: number; split?: 'train' | 'test' } = {}) {
  const items: SampleThumbnail[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await session.api.call('datasets.samples', { project, datasetId, offset, limit, ...filter });
    expect(page.offset).toBe(offset);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.items.length < limit) return { total: page.total, items };
  }
}

describe('datasets.samples', () => {
  it('pages through a split in cache order with the total', async () => {
    const first = await session.api.call('datasets.samples', { project, datasetId });
    // Defaults: the training split, offset 0, 60 items.
    expect(first.total).toBe(10 * PER_CLASS);
    expect(first.offset).toBe(0);
    expect(first.items).toHaveLength(60);
    expect(first.items.every((s) => s.split === 'train')).toBe(true);

    const big = await everyPage(SAMPLE_PAGE_MAX);
    const small = await everyPage(60);
    expect(big.items).toHaveLength(250);
    expect(new Set(big.items.map((s) => s.id)).size).toBe(250);
    // The same order whatever the page size: pages are slices of one ordering.
    expect(small.items.map((s) => s.id)).toEqual(big.items.map((s) => s.id));
    expect(first.items.map((s) => s.id)).toEqual(big.items.slice(0, 60).map((s) => s.id));

    const test = await everyPage(SAMPLE_PAGE_MAX, { split: 'test' });
    expect(test.total).toBe(10 * PER_CLASS);
    expect(test.items.every((s) => s.split === 'test')).toBe(true);
  });

  it('filters by class, keeping the split order', async () => {
    const all = await everyPage(SAMPLE_PAGE_MAX);
    const coats = await everyPage(10, { classIndex: 4 });
    expect(coats.total).toBe(PER_CLASS);
    expect(coats.items.every((s) => s.classIndex === 4)).toBe(true);
    expect(coats.items.map((s) => s.id)).toEqual(
      all.items.filter((s) => s.classIndex === 4).map((s) => s.id),
    );
    const page = await session.api.call('datasets.samples', {
      project,
      datasetId,
      classIndex: 4,
      offset: 20,
      limit: 10,
    });
    expect(page).toMatchObject({ total: PER_CLASS, offset: 20 });
    expect(page.items.map((s) => s.id)).toEqual(coats.items.slice(20).map((s) => s.id));
  });

  it('sends each sample as a small grayscale PNG', async () => {
    const page = await session.api.call('datasets.samples', { project, datasetId, limit: 3 });
    for (const item of page.items) {
      expect(item.dataUrl).toMatch(/^data:image\/png;base64,/);
      const meta = await sharp(Buffer.from(item.dataUrl.split(',')[1]!, 'base64')).metadata();
      expect(meta).toMatchObject({ width: 28, height: 28, channels: 1 });
    }
  });

  it('refuses more than a page, unknown classes and datasets', async () => {
    await expect(
      session.api.call('datasets.samples', { project, datasetId, limit: SAMPLE_PAGE_MAX + 1 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('limit must be at most 200'),
    });
    await expect(
      session.api.call('datasets.samples', { project, datasetId, classIndex: 10 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('class 10 does not exist'),
    });
    await expect(
      session.api.call('datasets.samples', { project, datasetId: datasetId + 99 }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the per-class thumbnails within one page too', async () => {
    // 10 classes × 32 asked = 320 > 200: each class gets ⌊200 / 10⌋ = 20, all 10 classes shown.
    const thumbs = await session.api.call('datasets.thumbnails', { project, datasetId, perClass: 32 });
    expect(thumbs).toHaveLength(200);
    const perClass = new Map<number, number>();
    for (const t of thumbs) perClass.set(t.classIndex, (perClass.get(t.classIndex) ?? 0) + 1);
    expect([...perClass.values()]).toEqual(Array(10).fill(20));
    expect(await session.api.call('datasets.thumbnails', { project, datasetId, perClass: 3 })).toHaveLength(
      30,
    );
  });

  it('answers an offset at or beyond the end with an empty page and the total', async () => {
    for (const offset of [250, 10_000]) {
      const page = await session.api.call('datasets.samples', { project, datasetId, offset });
      expect(page).toEqual({ total: 250, offset, items: [] });
    }
    const last = await session.api.call('datasets.samples', { project, datasetId, offset: 245, limit: 60 });
    expect(last.items).toHaveLength(5);
  });
});

describe('thumbnailPng', () => {
  it('shrinks larger images to the thumbnail size, keeping the aspect and channels', async () => {
    const pixels = new Uint8Array(300 * 150 * 3).fill(128);
    const meta = await sharp(await thumbnailPng(pixels, 300, 150, 3)).metadata();
    expect(meta).toMatchObject({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE / 2, channels: 3 });
    const gray = await sharp(await thumbnailPng(new Uint8Array(50 * 200), 50, 200, 1)).metadata();
    expect(gray).toMatchObject({ width: 24, height: THUMBNAIL_MAX_SIDE, channels: 1 });
  });
});
