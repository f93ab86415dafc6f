import { describe, expect, it } from 'vitest';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import type { JobLauncher, JobProcess } from '../../src/main/jobs/launcher';
import { openDatabase } from '../../src/main/store/database';
import { insertJob, markStarted } from '../../src/main/store/jobs-repo';
import { useTempDirs } from '../helpers/temp-dir';
import { connect } from '../helpers/api-session';
import { join } from 'node:path';

const tempDir = useTempDirs();

describe('jobs through the API (real worker processes)', () => {
  it('runs the demo, streams throttled progress, and refuses a second job meanwhile', async () => {
    const { backend, api, progress, finished } = connect(tempDir());
    await api.call('projects.create', { project: 'p1' });
    const job = await api.call('jobs.startDemo', {
      project: 'p1',
      params: { ipc: 1, width: 8, limitPerClass: 3, fullEpochs: 1, epochs: 1 },
    });
    expect(job.status).toBe('running');
    await expect(api.call('jobs.startDemo', { project: 'p1', params: {} })).rejects.toMatchObject({
      code: 'conflict',
    });
    const done = await finished(job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ ipc: 1, compressed: { trainImages: 10 } });
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['import', 'select', 'train compressed set', 'train full training set', 'export']);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] as number) - 1e-9)).toBe(true);
    expect(fractions.at(-1)).toBeCloseTo(1, 6);
    const datasets = await api.call('datasets.list', { project: 'p1' });
    expect(datasets[0]?.classes.map((c) => [c.train, c.test])).toEqual(Array(10).fill([3, 3]));
    const thumbs = await api.call('datasets.thumbnails', {
      project: 'p1',
      datasetId: datasets[0]?.id as number,
      perClass: 2,
    });
    expect(thumbs).toHaveLength(20);
    expect(thumbs[0]?.dataUrl).toMatch(/^data:image\/png;base64,/);
    await backend.close();
  });

  it('cancels a running job: the job ends cancelled and the next job can start', async () => {
    const { backend, api, finished } = connect(tempDir());
    await api.call('projects.create', { project: 'p2' });
    const job = await api.call('jobs.startDemo', {
      project: 'p2',
      params: { ipc: 5, width: 64, limitPerClass: 30, epochs: 200, fullEpochs: 20 },
    });
    const end = finished(job.id);
    await new Promise((r) => setTimeout(r, 2500));
    await api.call('jobs.cancel', { project: 'p2', jobId: job.id });
    const done = await end;
    expect(done.status).toBe('cancelled');
    expect(done.error?.code).toBe('cancelled');
    expect(backend.runningJobs()).toBe(0);
    await backend.close();
  });

  it('marks a job failed with the reason when its process dies, and leaves the database usable', async () => {
    const base = createNodeLauncher();
    const crashing: JobLauncher = () => {
      const proc: JobProcess = base();
      proc.onMessage((m) => {
        if (m.type === 'progress') proc.kill(); // simulates a crash / OOM kill mid-job
      });
      return proc;
    };
    const { backend, api, finished } = connect(tempDir(), crashing);
    await api.call('projects.create', { project: 'p3' });
    const job = await api.call('jobs.startDemo', {
      project: 'p3',
      params: { ipc: 1, width: 8, limitPerClass: 3, epochs: 1, fullEpochs: 1 },
    });
    const done = await finished(job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/killed by SIGKILL/);
    expect(await api.call('jobs.list', { project: 'p3' })).toHaveLength(1);
    await backend.close();
  });

  it('reports jobs left running by a previous process as interrupted', async () => {
    const workspace = tempDir();
    const db = openDatabase(join(workspace, 'old', 'project.sqlite'));
    db.prepare("INSERT INTO project (id, name, created_at) VALUES (1, 'old', 'x')").run();
    markStarted(db, insertJob(db, 'demo', {}).id);
    db.close();
    const { backend, api } = connect(workspace);
    const [job] = await api.call('jobs.list', { project: 'old' });
    expect(job?.status).toBe('interrupted');
    await backend.close();
  });

  it('validates arguments at the boundary', async () => {
    const { backend, api } = connect(tempDir());
    await expect(api.call('projects.create', { project: '../escape' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(api.call('jobs.startDemo', { project: 'x', params: { ipc: 0 } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/ipc: IPC must be at least 1/),
    });
    await expect(api.call('datasets.list', { project: 'missing' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await backend.close();
  });
});
