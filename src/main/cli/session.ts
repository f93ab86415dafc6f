import { createApiClient, type ApiClient } from '../../shared/api/api-client';
import type { JobDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { createMemoryTransportPair } from '../../shared/rpc/memory-transport';
import { type Backend, createBackend } from '../api/backend';
import { createNodeLauncher } from '../jobs/node-launcher';
import { ProgressBar } from './progress-bar';
import { RESOURCES_DIR, resolveProject } from './workspace';

/** A CLI command's view of the app: the real backend behind an in-memory API client. */
export interface CliSession {
  api: ApiClient;
  backend: Backend;
  project: string;
  close(): Promise<void>;
}

export function openSession(projectOption: string | undefined, options: { create: boolean }): CliSession {
  const { workspace, name } = resolveProject(projectOption);
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  try {
    if (options.create) backend.registry.ensure(name);
    else backend.registry.get(name);
  } catch (error) {
    void backend.close();
    throw error;
  }
  const [clientSide, serverSide] = createMemoryTransportPair();
  const detach = backend.connect(serverSide);
  const api = createApiClient(clientSide);
  return {
    api,
    backend,
    project: name,
    async close() {
      api.close();
      detach();
      await backend.close();
    },
  };
}

/**
 * Follows a job to its end, drawing progress; Ctrl-C cancels the job (a second Ctrl-C is left
 * to the default handler). Resolves with the finished job.
 */
export function followJob(session: CliSession, job: JobDto, showProgress: boolean): Promise<JobDto> {
  const bar = new ProgressBar();
  return new Promise((resolve) => {
    const offProgress = session.api.on('jobs.onProgress', (p) => {
      if (showProgress && p.project === session.project && p.jobId === job.id) bar.update(p);
    });
    const finish = (finished: JobDto) => {
      offProgress();
      offChange();
      process.off('SIGINT', onInterrupt);
      if (showProgress) bar.done();
      resolve(finished);
    };
    const offChange = session.api.on('jobs.onChange', ({ project, job: changed }) => {
      if (
        project === session.project &&
        changed.id === job.id &&
        changed.status !== 'running' &&
        changed.status !== 'queued'
      ) {
        finish(changed);
      }
    });
    const onInterrupt = () => {
      process.stderr.write('\ncancelling…\n');
      void session.api.call('jobs.cancel', { project: session.project, jobId: job.id });
    };
    process.once('SIGINT', onInterrupt);
    // The job may have finished before we subscribed.
    void session.api.call('jobs.get', { project: session.project, jobId: job.id }).then((current) => {
      if (current.status !== 'running' && current.status !== 'queued') finish(current);
    });
  });
}

/** A finished job's failure as an error the CLI can report and map to an exit code. */
export function jobFailure(job: JobDto): ApiError | null {
  if (job.status === 'succeeded') return null;
  const code = job.error?.code;
  const known =
    code === 'bad_request' ||
    code === 'cancelled' ||
    code === 'invalid_data' ||
    code === 'not_found' ||
    code === 'conflict' ||
    code === 'io_error';
  return new ApiError(known ? code : 'internal', job.error?.message ?? `job ${job.id} ${job.status}`);
}
