import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { RECENT_FILE } from '../../src/main/api/recent-projects';
import { finishBenchmark, openBenchmark } from '../../src/main/store/bench-repo';
import { finishJob, insertJob } from '../../src/main/store/jobs-repo';
import { openProject } from '../../src/main/store/project-store';
import type { ProjectDto } from '../../src/shared/api/dto';
import { connect, type ApiSession } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * projects.list / open / rename / delete through the real API on real SQLite files: a project
 * with an imported sample, a stored set, a benchmark row and an export is renamed (its absolute
 * paths follow it), refused while busy or when the name is taken, and deleted.
 */

const tempDir = useTempDirs();
let workspace: string;
let s: ApiSession;
let datasetId: number;
let setId: number;
let benchId: number;

const dirOf = (name: string) => join(workspace, name);
const dbOf = (name: string) => s.backend.registry.get(name).db;
const find = (list: ProjectDto[], name: string) => list.find((p) => p.name === name);
const recentFile = () => JSON.parse(readFileSync(join(workspace, RECENT_FILE), 'utf8')) as { opened: object };

beforeAll(async () => {
  // Shared by every test in order (one import); tempDir()'s folders go after each test.
  workspace = mkdtempSync(join(tmpdir(), 'datapress-projects-'));
  s = connect(workspace);
  await s.api.call('projects.create', { project: 'p' });
  const imported = (await s.run(
    await s.api.call('datasets.import', {
      project: 'p',
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 3 },
    }),
  )) as { datasetId: number };
  datasetId = imported.datasetId;
  const selection = await s.api.call('selections.create', {
    project: 'p',
    params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc: 1 } },
  });
  setId = (await s.api.call('sets.combine', { project: 'p', selectionId: selection.id, k: 1 })).id;
  // An export into the project folder: its row stores the absolute folder.
  await s.api.call('exports.create', { project: 'p', setId, dir: join(dirOf('p'), 'exports', 'e1') });
  // A finished benchmark with its report folder, and a job whose params name a folder in the project.
  const db = dbOf('p');
  const job = insertJob(db, 'demo', { exportDir: join(dirOf('p'), 'exports', 'demo-x'), ipc: 1 });
  finishJob(db, job.id, 'succeeded', { result: { export: { dir: join(dirOf('p'), 'exports', 'demo-x') } } });
  const definition = { datasetId };
  benchId = openBenchmark(db, { jobId: job.id, datasetId, key: 'k', name: 'b', definition, protocol: {} }).id;
  finishBenchmark(db, benchId, 'done', join(dirOf('p'), 'reports', `bench-${benchId}`));
}, 120_000);

afterAll(async () => {
  await s.backend.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('projects.list and projects.open', () => {
  it('counts datasets, sets and benchmarks; never-opened projects have no last-opened time', async () => {
    await s.api.call('projects.create', { project: 'q' });
    const list = await s.api.call('projects.list', {});
    expect(find(list, 'p')).toMatchObject({ datasets: 1, sets: 1, benchmarks: 1, lastOpenedAt: null });
    expect(find(list, 'p')?.problem).toBeUndefined();
    expect(find(list, 'q')).toMatchObject({
      datasets: 0,
      jobs: 0,
      sets: 0,
      benchmarks: 0,
      lastOpenedAt: null,
    });
  });

  it('open records the time, list shows it, and other projects stay never-opened', async () => {
    const before = Date.now();
    const opened = await s.api.call('projects.open', { project: 'p' });
    expect(Date.parse(opened.lastOpenedAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(opened).toMatchObject({ name: 'p', sets: 1 });
    const list = await s.api.call('projects.list', {});
    expect(find(list, 'p')?.lastOpenedAt).toBe(opened.lastOpenedAt);
    expect(find(list, 'q')?.lastOpenedAt).toBeNull();
    expect(Object.keys(recentFile().opened)).toEqual(['p']);
    await expect(s.api.call('projects.open', { project: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a corrupt recent file means never opened, and the next open rewrites it', async () => {
    writeFileSync(join(workspace, RECENT_FILE), '{"version": 1, "opened": {"p": ');
    expect((await s.api.call('projects.list', {})).every((p) => p.lastOpenedAt === null)).toBe(true);
    writeFileSync(join(workspace, RECENT_FILE), JSON.stringify({ version: 1, opened: { p: 'yesterday' } }));
    expect(find(await s.api.call('projects.list', {}), 'p')?.lastOpenedAt).toBeNull();
    const opened = await s.api.call('projects.open', { project: 'q' });
    expect(recentFile().opened).toEqual({ q: opened.lastOpenedAt });
    expect(readdirSync(workspace).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('lists a project that cannot be opened with zeros and the reason, and can delete it', async () => {
    const dir = dirOf('newer');
    mkdirSync(dir);
    const db = new Database(join(dir, 'project.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const listed = find(await s.api.call('projects.list', {}), 'newer');
    expect(listed).toMatchObject({ datasets: 0, jobs: 0, sets: 0, benchmarks: 0, lastOpenedAt: null });
    expect(listed?.problem).toMatch(/schema version 999, newer than this app supports/);
    await expect(s.api.call('projects.open', { project: 'newer' })).rejects.toMatchObject({
      code: 'unsupported',
    });
    expect(await s.api.call('projects.delete', { project: 'newer', confirm: 'newer' })).toEqual({
      deleted: 'newer',
    });
    expect(existsSync(dir)).toBe(false);
  });
});

describe('projects.rename', () => {
  it('refuses the same name, a taken name (project, folder or file) and a missing project', async () => {
    mkdirSync(dirOf('some folder'));
    writeFileSync(dirOf('a file'), 'x');
    for (const to of ['p', 'q', 'some folder', 'a file']) {
      await expect(s.api.call('projects.rename', { project: 'p', to })).rejects.toMatchObject({
        code: 'conflict',
      });
    }
    await expect(s.api.call('projects.rename', { project: 'missing', to: 'm2' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(s.api.call('projects.rename', { project: 'p', to: '../up' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    expect(await s.api.call('datasets.list', { project: 'p' })).toHaveLength(1); // still usable
  });

  it('refuses while a request on the project is still in progress', async () => {
    const exporting = s.api.call('exports.create', {
      project: 'p',
      setId,
      dir: join(tempDir(), 'out'),
    });
    await expect(s.api.call('projects.rename', { project: 'p', to: 'p2' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/exports\.create request is in progress/),
    });
    await exporting;
  });

  it('moves the folder, the data, the recent entry and the absolute paths stored inside', async () => {
    const { lastOpenedAt } = await s.api.call('projects.open', { project: 'p' });
    const renamed = await s.api.call('projects.rename', { project: 'p', to: 'p renamed' });
    const dir = dirOf('p renamed');
    expect(renamed).toMatchObject({ name: 'p renamed', path: dir, datasets: 1, sets: 1, benchmarks: 1 });
    expect(renamed.lastOpenedAt).toBe(lastOpenedAt);
    expect(existsSync(dirOf('p'))).toBe(false);
    expect(recentFile().opened).not.toHaveProperty('p');
    const names = (await s.api.call('projects.list', {})).map((p) => p.name);
    expect(names).toContain('p renamed');
    expect(names).not.toContain('p');
    await expect(s.api.call('datasets.list', { project: 'p' })).rejects.toMatchObject({ code: 'not_found' });

    // Pixels are found through relative names: thumbnails and stored sets still read.
    const thumbs = await s.api.call('datasets.thumbnails', { project: 'p renamed', datasetId, perClass: 1 });
    expect(thumbs).toHaveLength(10);
    expect(thumbs[0]?.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(await s.api.call('sets.list', { project: 'p renamed' })).toHaveLength(1);
    await s.api.call('exports.create', { project: 'p renamed', setId, dir: join(tempDir(), 'again') });

    // Absolute paths under the old folder now name the new one.
    const db = dbOf('p renamed');
    const reportDir = db.prepare('SELECT report_dir AS d FROM benchmarks').get() as { d: string };
    expect(reportDir.d).toBe(join(dir, 'reports', `bench-${benchId}`));
    const exportDirs = (db.prepare('SELECT dir FROM exports ORDER BY id').all() as { dir: string }[]).map(
      (r) => r.dir,
    );
    expect(exportDirs[0]).toBe(join(dir, 'exports', 'e1'));
    expect(existsSync(join(exportDirs[0] as string, 'manifest.json'))).toBe(true);
    const job = db.prepare("SELECT params, result FROM jobs WHERE kind = 'demo'").get() as {
      params: string;
      result: string;
    };
    expect(JSON.parse(job.params)).toEqual({ exportDir: join(dir, 'exports', 'demo-x'), ipc: 1 });
    expect(JSON.parse(job.result)).toEqual({ export: { dir: join(dir, 'exports', 'demo-x') } });
    const source = db.prepare('SELECT source_path AS p FROM datasets').get() as { p: string };
    expect(source.p.startsWith(RESOURCES_DIR)).toBe(true); // outside the project: untouched
  });
});

describe('busy projects', () => {
  it('refuses rename and delete while a job runs, stays usable, and allows both once it ends', async () => {
    await s.api.call('projects.create', { project: 'busy' });
    const job = await s.api.call('jobs.startDemo', {
      project: 'busy',
      params: { ipc: 5, width: 64, limitPerClass: 30, epochs: 200, fullEpochs: 20 },
    });
    const ended = s.finished(job.id);
    await expect(s.api.call('projects.rename', { project: 'busy', to: 'busy2' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(new RegExp(`job ${job.id} is running`)),
    });
    await expect(s.api.call('projects.delete', { project: 'busy', confirm: 'busy' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(existsSync(dirOf('busy2'))).toBe(false);
    expect((await s.api.call('jobs.get', { project: 'busy', jobId: job.id })).status).toBe('running');
    await s.api.call('jobs.cancel', { project: 'busy', jobId: job.id });
    expect((await ended).status).toBe('cancelled');

    const renamed = await s.api.call('projects.rename', { project: 'busy', to: 'busy2' });
    expect(renamed.jobs).toBe(1);
    expect((await s.api.call('jobs.list', { project: 'busy2' }))[0]?.status).toBe('cancelled');
    // The runner was rebuilt on the reopened database: a new job starts and is refused nothing.
    const again = await s.api.call('jobs.startDemo', {
      project: 'busy2',
      params: { ipc: 5, width: 64, limitPerClass: 30, epochs: 200, fullEpochs: 20 },
    });
    const againEnded = s.finished(again.id);
    await s.api.call('jobs.cancel', { project: 'busy2', jobId: again.id });
    expect((await againEnded).status).toBe('cancelled');
    expect(await s.api.call('projects.delete', { project: 'busy2', confirm: 'busy2' })).toEqual({
      deleted: 'busy2',
    });
  }, 60_000);
});

describe('projects.delete', () => {
  it('refuses a wrong confirmation, a missing project and a symlink out of the workspace', async () => {
    for (const confirm of ['', 'P renamed', 'p renamed ', 'p']) {
      await expect(s.api.call('projects.delete', { project: 'p renamed', confirm })).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/confirm to repeat its name exactly/),
      });
    }
    await expect(s.api.call('projects.delete', { project: 'gone', confirm: 'gone' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      s.api.call('projects.delete', { project: 'some folder', confirm: 'some folder' }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const outside = join(tempDir(), 'ext');
    openProject(outside, { create: true }).db.close();
    symlinkSync(outside, dirOf('link'));
    await expect(s.api.call('projects.delete', { project: 'link', confirm: 'link' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/symbolic link/),
    });
    await expect(s.api.call('projects.rename', { project: 'link', to: 'l2' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(existsSync(join(outside, 'project.sqlite'))).toBe(true);
    expect(await s.api.call('datasets.list', { project: 'p renamed' })).toHaveLength(1); // still usable
  });

  it('deletes the folder, its recent entry and its listing; the name can be reused afresh', async () => {
    await s.api.call('projects.open', { project: 'p renamed' });
    expect(await s.api.call('projects.delete', { project: 'p renamed', confirm: 'p renamed' })).toEqual({
      deleted: 'p renamed',
    });
    expect(existsSync(dirOf('p renamed'))).toBe(false);
    expect(readdirSync(workspace).filter((f) => f.startsWith('.datapress-deleting'))).toEqual([]);
    expect(recentFile().opened).not.toHaveProperty('p renamed');
    expect(find(await s.api.call('projects.list', {}), 'p renamed')).toBeUndefined();
    await expect(s.api.call('datasets.list', { project: 'p renamed' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const fresh = await s.api.call('projects.create', { project: 'p renamed' });
    expect(fresh).toMatchObject({ datasets: 0, sets: 0, lastOpenedAt: null });
  });
});
