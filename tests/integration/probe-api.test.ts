import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { ApiError } from '../../src/shared/rpc/errors';
import { connect } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const SAMPLE = join(RESOURCES_DIR, 'fashion-mnist-sample');
const CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

describe('datasets.probe through the API', () => {
  it('describes the bundled sample and previews it exactly as the import then stores it', async () => {
    const { backend, api, run } = connect(tempDir());
    const settings = { size: 16, resize: 'pad' as const, background: { r: 0, g: 0, b: 0 } };
    const probe = await api.call('datasets.probe', { path: SAMPLE, ...settings, previewCount: 10 });
    expect(probe).toMatchObject({
      source: SAMPLE,
      format: 'idx',
      total: 4000,
      splitSource: 'file',
      sizes: { common: { height: 28, width: 28, count: 4000 }, differing: 0, allGrey: true },
      skipped: { total: 0 },
      target: { height: 16, width: 16, channels: 1, resize: 'pad', sizeFrom: 'settings' },
      warnings: [],
    });
    expect(probe.classes.map((c) => c.name)).toEqual(CLASSES);
    expect(probe.classes.every((c) => c.train + c.test + c.unsplit > 0 && c.unsplit === 0)).toBe(true);
    // One preview per class: each class's first training image.
    expect(probe.previews.map((p) => [p.className, p.split, p.ok])).toEqual(
      CLASSES.map((c) => [c, 'train', true]),
    );

    // Nothing was stored anywhere: no project needed, none created.
    expect(await api.call('projects.list', {})).toEqual([]);

    await api.call('projects.create', { project: 'p' });
    const job = await api.call('datasets.import', {
      project: 'p',
      params: { path: SAMPLE, ...settings, limitPerClass: 1 },
    });
    const report = (await run(job)) as { datasetId: number };
    const thumbs = await api.call('datasets.thumbnails', {
      project: 'p',
      datasetId: report.datasetId,
      split: 'train',
      perClass: 1,
    });
    expect(thumbs.map((t) => t.dataUrl)).toEqual(probe.previews.map((p) => (p.ok ? p.dataUrl : '')));
    await backend.close();
  });

  it('answers a settings change from the kept listing, and refuses bad requests in words', async () => {
    const { backend, api } = connect(tempDir());
    const first = await api.call('datasets.probe', { path: SAMPLE });
    expect(first.timing.reusedListing).toBe(false);
    const again = await api.call('datasets.probe', { path: SAMPLE, resize: 'pad', reuseListing: true });
    expect(again.timing.reusedListing).toBe(true);
    expect(again.previews.map((p) => p.relPath)).toEqual(first.previews.map((p) => p.relPath));

    const missing = join(tempDir(), 'no-such-folder');
    const error = await api.call('datasets.probe', { path: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', message: `dataset path ${missing} does not exist` });
    await expect(api.call('datasets.probe', { path: SAMPLE, format: 'cifar' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining(`${SAMPLE} looks like a idx dataset, not cifar`),
    });
    await expect(api.call('datasets.probe', { path: SAMPLE, previewCount: 13 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await backend.close();
  });
});
