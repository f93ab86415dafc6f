import { createBackend, type Backend } from '../../src/main/api/backend';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import type { JobLauncher } from '../../src/main/jobs/launcher';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { createApiClient, type ApiClient } from '../../src/shared/api/api-client';
import type { JobDto, JobProgress } from '../../src/shared/api/dto';
import { createMemoryTransportPair } from '../../src/shared/rpc/memory-transport';

/** A test's connection to a real backend (real job processes) over the in-memory transport. */
export interface ApiSession {
  backend: Backend;
  api: ApiClient;
  /** Every progress event, in order. */
  progress: JobProgress[];
  /** The phases progress has named, in first-seen order. */
  phases: Set<string>;
  /** The metrics of the progress events that carried any (a training epoch's loss and accuracy…), in order. */
  metrics: Record<string, number>[];
  /** The job once it has left `queued` and `running`. */
  finished: (jobId: number) => Promise<JobDto>;
  /** The job's result once it has succeeded; throws when it ends any other way. */
  run: (job: JobDto) => Promise<unknown>;
}

/** A backend on `workspace` with the sample resources, jobs started by `launcher` (Node children by default). */
export function connect(workspace: string, launcher: JobLauncher = createNodeLauncher()): ApiSession {
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher });
  const [a, b] = createMemoryTransportPair();
  backend.connect(b);
  const api = createApiClient(a);
  const progress: JobProgress[] = [];
  const phases = new Set<string>();
  const metrics: Record<string, number>[] = [];
  api.on('jobs.onProgress', (p) => {
    progress.push(p);
    phases.add(p.phase);
    if (p.metrics) metrics.push(p.metrics);
  });
  const finished = (jobId: number) =>
    new Promise<JobDto>((resolve) => {
      const off = api.on('jobs.onChange', ({ job }) => {
        if (job.id === jobId && !['running', 'queued'].includes(job.status)) {
          off();
          resolve(job);
        }
      });
    });
  const run = async (job: JobDto) => {
    const done = await finished(job.id);
    if (done.status !== 'succeeded') throw new Error(`job ${job.id} ${done.status}: ${done.error?.message}`);
    return done.result;
  };
  return { backend, api, progress, phases, metrics, finished, run };
}
