import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/shared/api/api-client';
import type { CombineResultDto, JobDto } from '../../src/shared/api/dto';
import { createMemoryTransportPair } from '../../src/shared/rpc/memory-transport';
import { createBackend } from '../../src/main/api/backend';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { parseLabelsCsv } from '../../src/main/datasets/labels-csv';
import { selectionPerClass } from '../../src/main/store/selections-repo';

/**
 * The Combine step through the API: Fashion-MNIST sample → random selection of 8 per class →
 * 2×2 mosaics (2 per class) stored with their own pixel file → export → re-import.
 */

const SAMPLE = join(RESOURCES_DIR, 'fashion-mnist-sample');
const R = 28;
const PIXELS = R * R;

let workspace: string;
let backend: ReturnType<typeof createBackend>;
let api: ReturnType<typeof createApiClient>;
let selectionId: number;
let kept: Map<number, number[]>;

/** Resolves with a job's result once it succeeds. */
const run = (job: JobDto) =>
  new Promise<unknown>((resolve, reject) => {
    const off = api.on('jobs.onChange', ({ job: j }) => {
      if (j.id !== job.id || ['running', 'queued'].includes(j.status)) return;
      off();
      if (j.status === 'succeeded') resolve(j.result);
      else reject(new Error(`job ${j.id} ${j.status}: ${j.error?.message}`));
    });
  });

const dbOf = (project: string) => backend.registry.get(project).db;
const cacheDir = (project: string) => join(workspace, project, 'cache');
const setFiles = (project: string) => readdirSync(cacheDir(project)).filter((f) => /^\.?set-/.test(f));
const count = (project: string, table: string) =>
  (dbOf(project).prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** One sample's pixels from a project's dataset cache. */
function samplePixels(project: string, sampleId: number): Buffer {
  const db = dbOf(project);
  const { cacheIndex, cacheFile } = db
    .prepare(
      'SELECT s.cache_index AS cacheIndex, d.cache_file AS cacheFile FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE s.id = ?',
    )
    .get(sampleId) as { cacheIndex: number; cacheFile: string };
  return readFileSync(join(cacheDir(project), cacheFile)).subarray(
    cacheIndex * PIXELS,
    (cacheIndex + 1) * PIXELS,
  );
}

function setPixels(project: string, setId: number): Buffer {
  const sql = 'SELECT cache_file AS file FROM compressed_sets WHERE id = ?';
  const { file } = dbOf(project).prepare(sql).get(setId) as { file: string };
  return readFileSync(join(cacheDir(project), file));
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'datapress-combine-'));
  backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  const [a, b] = createMemoryTransportPair();
  backend.connect(b);
  api = createApiClient(a);
  await api.call('projects.create', { project: 'p' });
  const imported = (await run(
    await api.call('datasets.import', { project: 'p', params: { path: SAMPLE, limitPerClass: 20 } }),
  )) as { datasetId: number };
  const selection = await api.call('selections.create', {
    project: 'p',
    params: { datasetId: imported.datasetId, method: 'random', budget: { kind: 'ipc', ipc: 8 } },
  });
  selectionId = selection.id;
  kept = selectionPerClass(dbOf('p'), selectionId);
}, 120_000);

afterAll(async () => {
  await backend.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('sets.combine', () => {
  let set: CombineResultDto;

  it('k = 2 stores 2 mosaics per class with their tiles in rank order, one pixel file', async () => {
    set = await api.call('sets.combine', { project: 'p', selectionId, k: 2 });
    expect(set).toMatchObject({
      selectionId,
      kind: 'mosaic',
      grid: 2,
      grouping: 'consecutive',
      resolution: R,
      height: R,
      width: R,
      channels: 1,
      images: 20,
      storedImages: 20,
      keptImages: 80,
      bytes: 20 * PIXELS,
      warnings: [],
      params: {
        k: 2,
        grouping: 'consecutive',
        resolution: { height: R, width: R },
        resampling: { kernel: 'linear' },
      },
    });
    expect(set.perClass).toHaveLength(10);
    expect(
      set.perClass.every((c) => c.storedImages === 2 && c.keptImages === 8 && c.repeatedTiles === 0),
    ).toBe(true);
    const rows = dbOf('p')
      .prepare(
        'SELECT class_index AS c, tile_sample_ids AS t FROM compressed_images WHERE set_id = ? ORDER BY position',
      )
      .all(set.id) as { c: number; t: string }[];
    const expected = [...kept.entries()].flatMap(([c, ids]) => [
      { c, t: JSON.stringify(ids.slice(0, 4)) },
      { c, t: JSON.stringify(ids.slice(4, 8)) },
    ]);
    expect(rows).toEqual(expected);
    expect(setFiles('p')).toEqual([expect.stringMatching(new RegExp(`^set-${set.id}-[0-9a-f]+\\.u8$`))]);
    expect(setPixels('p', set.id).length).toBe(20 * PIXELS);
    const listed = (await api.call('sets.list', { project: 'p' })).find((s) => s.id === set.id);
    expect(listed).toMatchObject({ kind: 'mosaic', grid: 2, images: 20, classes: 10 });
  });

  it("each quadrant is sharp's linear resize of its source tile to 14×14", async () => {
    const pixels = setPixels('p', set.id);
    const mosaic = pixels.subarray(3 * PIXELS, 4 * PIXELS); // class 1, second mosaic
    const tiles = (kept.get(1) as number[]).slice(4, 8);
    for (const [i, id] of tiles.entries()) {
      const expected = await sharp(samplePixels('p', id), { raw: { width: R, height: R, channels: 1 } })
        .resize(14, 14, { fit: 'fill', kernel: 'linear' })
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      const top = Math.floor(i / 2) * 14;
      const left = (i % 2) * 14;
      for (let y = 0; y < 14; y++) {
        const row = mosaic.subarray((top + y) * R + left, (top + y) * R + left + 14);
        expect(Buffer.compare(row, expected.subarray(y * 14, y * 14 + 14)), `tile ${i} row ${y}`).toBe(0);
      }
    }
  });

  it('interleaved groups ranks j, n + j, … and k = 1 stores the kept images unchanged', async () => {
    const inter = await api.call('sets.combine', {
      project: 'p',
      selectionId,
      k: 2,
      grouping: 'interleaved',
    });
    const ids = kept.get(0) as number[];
    const first = dbOf('p')
      .prepare(
        'SELECT tile_sample_ids AS t FROM compressed_images WHERE set_id = ? ORDER BY position LIMIT 2',
      )
      .all(inter.id) as { t: string }[];
    expect(first.map((r) => JSON.parse(r.t))).toEqual([
      [ids[0], ids[2], ids[4], ids[6]],
      [ids[1], ids[3], ids[5], ids[7]],
    ]);
    const one = await api.call('sets.combine', { project: 'p', selectionId, k: 1 });
    expect(one).toMatchObject({ grid: 1, storedImages: 80, keptImages: 80 });
    expect(
      Buffer.compare(setPixels('p', one.id).subarray(0, PIXELS), samplePixels('p', ids[0] as number)),
    ).toBe(0);
  });

  it('exports the mosaics as PNG with tile ids in grid order; re-importing gives the same pixels', async () => {
    const out = join(workspace, 'export');
    const result = await api.call('exports.create', { project: 'p', setId: set.id, dir: out });
    expect(result).toMatchObject({ images: 20, setId: set.id });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      images: { file: string; tileSampleIds: number[]; tileSha256: string[] }[];
      method: { combine: Record<string, unknown> };
      resolution: Record<string, number>;
      storage: Record<string, number>;
    };
    expect(manifest.method.combine).toMatchObject({ kind: 'mosaic', grid: 2, params: { k: 2 } });
    expect(manifest.resolution).toEqual({ height: R, width: R, channels: 1 });
    expect(manifest.storage).toMatchObject({ storedImages: 20, storedPixelBytes: 20 * PIXELS });
    const ids = [...kept.values()].flatMap((c) => [c.slice(0, 4), c.slice(4, 8)]);
    expect(manifest.images.map((i) => i.tileSampleIds)).toEqual(ids);
    expect(manifest.images.every((i) => i.tileSha256.length === 4)).toBe(true);
    const stored = setPixels('p', set.id);

    await api.call('projects.create', { project: 'back' });
    await run(await api.call('datasets.import', { project: 'back', params: { path: out, testFraction: 0 } }));
    const db = dbOf('back');
    const back = db
      .prepare(
        'SELECT s.cache_index AS i, s.source_path AS path, d.cache_file AS file FROM samples s JOIN datasets d ON d.id = s.dataset_id',
      )
      .all() as { i: number; path: string; file: string }[];
    expect(back).toHaveLength(20);
    const labels = parseLabelsCsv(readFileSync(join(out, 'labels.csv'), 'utf8'));
    const cache = readFileSync(join(cacheDir('back'), (back[0] as { file: string }).file));
    for (const sample of back) {
      const position = labels.findIndex((l) => l.file === relative(out, sample.path).split('\\').join('/'));
      expect(position).toBeGreaterThanOrEqual(0);
      const original = stored.subarray(position * PIXELS, (position + 1) * PIXELS);
      expect(Buffer.compare(cache.subarray(sample.i * PIXELS, (sample.i + 1) * PIXELS), original)).toBe(0);
    }
  }, 60_000);
});

describe('sets.previewMosaics', () => {
  it('gives the first mosaics of a class as PNGs, equal to what combine stores, and stores nothing', async () => {
    const before = { sets: count('p', 'compressed_sets'), files: setFiles('p').length };
    const preview = await api.call('sets.previewMosaics', {
      project: 'p',
      selectionId,
      k: 2,
      classIndex: 3,
      count: 2,
    });
    expect(preview).toMatchObject({
      classIndex: 3,
      grid: 2,
      totalMosaics: 2,
      height: R,
      width: R,
      warnings: [],
    });
    const ids = kept.get(3) as number[];
    expect(preview.mosaics.map((m) => m.tileSampleIds)).toEqual([ids.slice(0, 4), ids.slice(4, 8)]);
    const stored = (await api.call('sets.list', { project: 'p' })).find(
      (s) => s.kind === 'mosaic' && s.grid === 2,
    );
    const pixels = setPixels('p', stored?.id as number);
    for (const [j, m] of preview.mosaics.entries()) {
      const png = Buffer.from(m.dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
      const raw = await sharp(png).toColourspace('b-w').raw().toBuffer();
      const position = 3 * 2 + j;
      expect(Buffer.compare(raw, pixels.subarray(position * PIXELS, (position + 1) * PIXELS))).toBe(0);
    }
    expect({ sets: count('p', 'compressed_sets'), files: setFiles('p').length }).toEqual(before);
  });
});
