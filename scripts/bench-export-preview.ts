/**
 * How long exports.preview takes on the embedded Fashion-MNIST sample (3,000 training images),
 * for a 100-, 2,000- and 3,000-image random set in PNG, JPEG q=80 and NPZ, through the API in
 * process (the real handler, SQLite and pixel cache); then how far the preview is from what
 * exports.create writes. One JSON line per case.
 *
 *   node bin/run-ts.mjs scripts/bench-export-preview.ts [--runs 5]
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../src/main/api/backend';
import { RESOURCES_DIR } from '../src/main/cli/workspace';
import { createNodeLauncher } from '../src/main/jobs/node-launcher';
import { createApiClient } from '../src/shared/api/api-client';
import type { JobDto } from '../src/shared/api/dto';
import { createMemoryTransportPair } from '../src/shared/rpc/memory-transport';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'datapress-bench-preview-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const backend = createBackend({
  workspace: work,
  resourcesDir: RESOURCES_DIR,
  launcher: createNodeLauncher(),
});
const [a, b] = createMemoryTransportPair();
backend.connect(b);
const api = createApiClient(a);
const run = (job: JobDto) =>
  new Promise<unknown>((resolve, reject) => {
    const off = api.on('jobs.onChange', ({ job: j }) => {
      if (j.id !== job.id || ['running', 'queued'].includes(j.status)) return;
      off();
      if (j.status === 'succeeded') resolve(j.result);
      else reject(new Error(j.error?.message));
    });
  });

try {
  const project = 'bench';
  await api.call('projects.create', { project });
  const { datasetId } = (await run(
    await api.call('datasets.import', {
      project,
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample') },
    }),
  )) as { datasetId: number };
  for (const ipc of [10, 200, 300]) {
    const selection = await api.call('selections.create', {
      project,
      params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc } },
    });
    const set = await api.call('sets.combine', { project, selectionId: selection.id, k: 1 });
    for (const settings of [{ format: 'png' }, { format: 'jpeg', quality: 80 }, { format: 'npz' }] as const) {
      const times: number[] = [];
      let preview = null;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        preview = await api.call('exports.preview', { project, setId: set.id, ...settings });
        times.push(performance.now() - t0);
      }
      const dir = join(work, `out-${set.id}-${settings.format}`);
      await api.call('exports.create', { project, setId: set.id, dir, ...settings });
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      const bytes = files.reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
      console.log(
        JSON.stringify({
          images: set.images,
          ...settings,
          firstMs: Math.round(times[0] as number),
          medianMs: Math.round(median(times)),
          exact: preview?.exact,
          previewFiles: preview?.files,
          writtenFiles: files.length,
          previewBytes: preview?.bytes,
          writtenBytes: bytes,
          errorPercent: Number(((100 * ((preview?.bytes ?? 0) - bytes)) / bytes).toFixed(2)),
        }),
      );
    }
  }
} finally {
  await backend.close();
  rmSync(work, { recursive: true, force: true });
}
