import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import type { MethodParams } from '../../src/shared/api/contract';
import type { ExportResultDto } from '../../src/shared/api/dto';
import { type ApiSession, connect } from '../helpers/api-session';

/*
 * exports.start (the `export` job) through the real API and real job processes, against
 * exports.create (the same export in the API process): same files, progress to the last image,
 * refusals before any job row, and a cancel that leaves no export and no hidden partial folder.
 */

const PROJECT = 'p';
let root: string;
let session: ApiSession;
let setId: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'datapress-export-job-'));
  session = connect(join(root, 'workspace'));
  const { api, run } = session;
  await api.call('projects.create', { project: PROJECT });
  const { datasetId } = (await run(
    await api.call('datasets.import', {
      project: PROJECT,
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 100 },
    }),
  )) as { datasetId: number };
  const selection = await api.call('selections.create', {
    project: PROJECT,
    params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc: 100 } },
  });
  setId = (await api.call('sets.combine', { project: PROJECT, selectionId: selection.id, k: 1 })).id;
}, 120_000);

afterAll(async () => {
  await session?.backend.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

type Settings = Omit<MethodParams<'exports.start'>, 'project' | 'setId'>;

/** Starts an export job and waits for it to end; returns the job as it ended. */
async function startExport(settings: Settings) {
  const job = await session.api.call('exports.start', { project: PROJECT, setId, ...settings });
  expect(job).toMatchObject({ kind: 'export', status: 'running' });
  return session.finished(job.id);
}

/** Every file under dir, "/"-separated, with its size. */
function onDisk(dir: string): Map<string, number> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    entries.map((e) => {
      const path = join(e.parentPath, e.name);
      return [relative(dir, path).split(sep).join('/'), statSync(path).size];
    }),
  );
}

/** Hidden siblings an export leaves while it writes or replaces (".<name>.partial-…", ".<name>.old-…"). */
function hiddenSiblings(parent: string): string[] {
  return listing(parent).filter((name) => name.startsWith('.'));
}

/** What a folder holds; nothing when it was never made. */
function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('exports.start: the export as a job', () => {
  it('writes what exports.create writes, png and npz, with progress to the last image', async () => {
    for (const format of ['png', 'npz'] as const) {
      const parent = join(root, `same-${format}`);
      const created = await session.api.call('exports.create', {
        project: PROJECT,
        setId,
        dir: join(parent, 'create'),
        format,
      });
      const seen = session.progress.length;
      const done = await startExport({ dir: join(parent, 'job'), format });
      expect(done.status).toBe('succeeded');
      const result = done.result as ExportResultDto;
      expect(result).toMatchObject({ setId, format, images: 1000, dir: join(parent, 'job') });
      expect(result.images).toBe(created.images);
      expect(result.storedImageBytes).toBe(created.storedImageBytes);
      expect(result.exportId).toBeGreaterThan(created.exportId);
      // The same files: names, count and bytes (the manifest differs only in its time stamp).
      const same = (r: ExportResultDto) => r.files.filter((f) => f.path !== 'manifest.json');
      expect(same(result)).toEqual(same(created));
      expect(result.files.map((f) => f.path)).toEqual(created.files.map((f) => f.path));
      const written = onDisk(result.dir);
      expect([...written.keys()].sort()).toEqual([...onDisk(created.dir).keys()].sort());
      expect(written.size).toBe(result.files.length);
      for (const f of result.files) expect(written.get(f.path)).toBe(f.bytes);
      expect(hiddenSiblings(parent)).toEqual([]);

      const events = session.progress.slice(seen).filter((p) => p.jobId === done.id);
      expect(events.length).toBeGreaterThan(0);
      expect(new Set(events.map((p) => p.phase))).toEqual(new Set(['export']));
      expect(events.at(-1)).toMatchObject({ done: 1000, total: 1000, fraction: 1 });
      const job = await session.api.call('jobs.get', { project: PROJECT, jobId: done.id });
      expect(job.params).toEqual({ setId, dir: join(parent, 'job'), format, replace: false });
    }
    // Each export is recorded: two per format, one of them by the job.
    const set = (await session.api.call('sets.list', { project: PROJECT })).find((s) => s.id === setId);
    expect(set?.exports).toBe(4);
  }, 120_000);

  it('refuses what exports.create refuses, with its words, before any job row', async () => {
    const full = join(root, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'mine');
    const trainedNothing = 4242;
    const cases: Settings[] = [
      { dir: 'relative/out' },
      { dir: full },
      { dir: full, replace: true },
      { dir: join(root, 'q'), quality: 50 },
      { dir: join(root, 'm'), modelRunId: trainedNothing },
    ];
    const before = await session.api.call('jobs.list', { project: PROJECT });
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => null,
        // The schema's messages name the method they were given to; the rest must be the same.
        (error: { code: string; message: string }) => ({
          code: error.code,
          message: error.message.replace(/^exports\.(start|create): /, ''),
        }),
      );
    for (const settings of cases) {
      const params = { project: PROJECT, setId, ...settings };
      const started = await refusal(session.api.call('exports.start', params));
      const created = await refusal(session.api.call('exports.create', params));
      expect(started).not.toBeNull();
      expect(started).toEqual(created);
    }
    const unknownSet = { project: PROJECT, setId: 999, dir: join(root, 'u') };
    const started = await refusal(session.api.call('exports.start', unknownSet));
    expect(started).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('compressed set 999'),
    });
    expect(started).toEqual(await refusal(session.api.call('exports.create', unknownSet)));

    expect(await session.api.call('jobs.list', { project: PROJECT })).toEqual(before);
    expect(readdirSync(full)).toEqual(['notes.txt']);
    expect(readdirSync(root).sort()).not.toContain('q');
  });

  it('leaves no export and no hidden partial folder when cancelled mid-way', async () => {
    const parent = join(root, 'cancel');
    const dir = join(parent, 'out');
    const exportsBefore = (await session.api.call('sets.list', { project: PROJECT })).find(
      (s) => s.id === setId,
    )?.exports;
    // JPEG at full quality is the slowest writer; cancel as soon as the first image is reported.
    const job = await session.api.call('exports.start', {
      project: PROJECT,
      setId,
      dir,
      format: 'jpeg',
      quality: 100,
    });
    const end = session.finished(job.id);
    const deadline = Date.now() + 30_000;
    while (!session.progress.some((p) => p.jobId === job.id) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    // The writer's hidden sibling, seen while it writes: what the cancel must take away.
    const partial = hiddenSiblings(parent);
    await session.api.call('jobs.cancel', { project: PROJECT, jobId: job.id });
    const done = await end;
    const last = session.progress.filter((p) => p.jobId === job.id).at(-1);
    // Mid-way is likely, not certain: a fast disk may finish first. Either way nothing is half-written.
    expect(['cancelled', 'succeeded']).toContain(done.status);
    const exportsAfter = (await session.api.call('sets.list', { project: PROJECT })).find(
      (s) => s.id === setId,
    )?.exports;
    if (done.status === 'cancelled') {
      expect(last?.done ?? 0).toBeLessThan(1000);
      expect(partial).toEqual([expect.stringMatching(/^\.out\.partial-\d+-[0-9a-f]+$/)]);
      expect(done.error?.code).toBe('cancelled');
      expect(listing(parent)).toEqual([]);
      expect(exportsAfter).toBe(exportsBefore);
    } else {
      expect(listing(parent)).toEqual(['out']);
      expect(onDisk(dir).size).toBe((done.result as ExportResultDto).files.length);
    }
    expect(hiddenSiblings(parent)).toEqual([]);
  }, 60_000);
});
