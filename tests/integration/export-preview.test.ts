import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { previewStoredSet } from '../../src/main/datasets/export-preview';
import type { TrainJobResultDto } from '../../src/shared/api/dto';
import type { ExportPreviewDto } from '../../src/shared/api/export-preview-dto';
import { type ApiSession, connect } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let session: ApiSession | null = null;
afterEach(async () => {
  await session?.backend.close();
  session = null;
});

/** Files and bytes actually on disk under dir (what the preview promises). */
function onDisk(dir: string): { files: number; bytes: number } {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return {
    files: entries.length,
    bytes: entries.reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0),
  };
}

/** A project with the embedded sample imported (`perClass` train images a class) and a random set. */
async function sampleSet(perClass: number, ipc: number): Promise<{ api: ApiSession['api']; setId: number }> {
  session = connect(tempDir());
  const { api, run } = session;
  await api.call('projects.create', { project: 'p' });
  const { datasetId } = (await run(
    await api.call('datasets.import', {
      project: 'p',
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: perClass },
    }),
  )) as { datasetId: number };
  const selection = await api.call('selections.create', {
    project: 'p',
    params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc } },
  });
  const set = await api.call('sets.combine', { project: 'p', selectionId: selection.id, k: 1 });
  return { api, setId: set.id };
}

describe('exports.preview', () => {
  it('says exactly the files and bytes exports.create then writes, for png, jpeg q=80 and npz', async () => {
    const { api, setId } = await sampleSet(8, 4);
    const cases = [{ format: 'png' }, { format: 'jpeg', quality: 80 }, { format: 'npz' }] as const;
    for (const settings of cases) {
      const preview: ExportPreviewDto = await api.call('exports.preview', {
        project: 'p',
        setId,
        ...settings,
      });
      const dir = join(tempDir(), settings.format);
      const exported = await api.call('exports.create', { project: 'p', setId, dir, ...settings });
      expect(preview).toMatchObject({ setId, exact: true, images: 40, classes: 10 });
      expect(preview.perClass?.every((c) => c.images === 4)).toBe(true);
      expect(onDisk(dir)).toEqual({ files: preview.files, bytes: preview.bytes });
      expect(exported.bytes).toBe(preview.bytes);
      // Each part as written: the breakdown adds up to the totals and names the export's files.
      const written = (test: (path: string) => boolean) =>
        exported.files.filter((f) => test(f.path)).reduce((sum, f) => sum + f.bytes, 0);
      const part = (what: string) => preview.breakdown.find((row) => row.what === what)?.bytes;
      expect(part('labels.csv')).toBe(written((p) => p === 'labels.csv'));
      expect(part('manifest.json')).toBe(written((p) => p === 'manifest.json'));
      if (settings.format === 'npz')
        expect(part('compressed.npz')).toBe(written((p) => p === 'compressed.npz'));
      else expect(part('images')).toBe(written((p) => p.startsWith('images/')));
      expect(preview.basis).toMatch(settings.format === 'npz' ? /archive layout/ : /All 40 images/);
    }
    expect(
      (await api.call('exports.preview', { project: 'p', setId, format: 'jpeg', quality: 80 })).bytes,
    ).toBeLessThan((await api.call('exports.preview', { project: 'p', setId })).bytes);
  }, 60_000);

  it('counts a trained model beside the images', async () => {
    const { api, setId } = await sampleSet(8, 4);
    const trained = (await session!.run(
      await api.call('training.start', {
        project: 'p',
        params: { setId, width: 4, depth: 2, epochs: 1, seeds: 1 },
      }),
    )) as TrainJobResultDto;
    const modelRunId = trained.runs[0]?.runId as number;
    const preview = await api.call('exports.preview', { project: 'p', setId, modelRunId });
    const dir = join(tempDir(), 'with-model');
    await api.call('exports.create', { project: 'p', setId, dir, modelRunId });
    expect(onDisk(dir)).toEqual({ files: preview.files, bytes: preview.bytes });
    expect(preview.breakdown.find((row) => row.what === 'model files')?.files).toBe(2);
    expect(preview.basis).toContain('model files');
  }, 120_000);

  it('refuses an unknown set, a missing model run and a quality without jpeg', async () => {
    const { api, setId } = await sampleSet(2, 1);
    await expect(api.call('exports.preview', { project: 'p', setId: 999 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(api.call('exports.preview', { project: 'p', setId, modelRunId: 99 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(api.call('exports.preview', { project: 'p', setId, quality: 50 })).rejects.toMatchObject({
      code: 'bad_request',
    });
  }, 60_000);

  it('extrapolates from a seeded sample within 10 % of what is written', async () => {
    const { api, setId } = await sampleSet(100, 100);
    const p = session!.backend.registry.get('p');
    for (const settings of [{ format: 'png' }, { format: 'jpeg', quality: 80 }] as const) {
      const preview = await previewStoredSet(p.db, p.paths, { setId, ...settings }, { exactUpTo: 500 });
      expect(preview).toMatchObject({ exact: false, images: 1000, files: 1002 });
      expect(preview.basis).toMatch(/^200 of 1,000 images \(a seeded sample/);
      const dir = join(tempDir(), settings.format);
      await api.call('exports.create', { project: 'p', setId, dir, ...settings });
      const written = onDisk(dir);
      expect(written.files).toBe(preview.files);
      expect(Math.abs(preview.bytes - written.bytes) / written.bytes).toBeLessThan(0.1);
      // Seeded: the same settings give the same answer.
      expect((await previewStoredSet(p.db, p.paths, { setId, ...settings }, { exactUpTo: 500 })).bytes).toBe(
        preview.bytes,
      );
    }
  }, 120_000);
});
