import { serveApi } from '../../shared/api/api-server';
import type { Transport } from '../../shared/rpc/transport';
import { createBackendProbe } from '../jobs/backend-probe';
import { JobRunner } from '../jobs/job-runner';
import type { JobLauncher } from '../jobs/launcher';
import { createApiHandlers, type FolderPicker } from './api-service';
import { EventHub } from './event-hub';
import type { PathShower } from './show-path';
import { holdLeases, ProjectLeases } from './project-leases';
import { type OpenProject, ProjectRegistry } from './project-registry';

export interface BackendOptions {
  /** Folder holding one sub-folder per project. */
  workspace: string;
  /** Folder with the embedded sample dataset. */
  resourcesDir: string;
  launcher: JobLauncher;
  /** How long a cancelled job may take to stop before its process is killed (default 5 s; tests shorten it). */
  cancelGraceMs?: number;
  /** The desktop app passes the native folder picker; elsewhere users type paths. */
  pickFolder?: FolderPicker;
  /** The desktop app passes the shell's "show in folder" and "open"; elsewhere paths are shown as text. */
  showPaths?: PathShower;
}

export interface Backend {
  /** Serves the API on one transport and sends it every event; returns a detach function. */
  connect(transport: Transport): () => void;
  runningJobs(): number;
  /** The running jobs by project: what a quit stops and the next start resumes. */
  activeJobs(): { project: string; jobId: number }[];
  /** Overall progress of running jobs (mean fraction), null when none runs. */
  onJobProgress(listener: (fraction: number | null) => void): () => void;
  registry: ProjectRegistry;
  runnerFor(project: OpenProject): JobRunner;
  close(): Promise<void>;
}

/** Composition root of the Node side: lists the services and wires them; implements nothing. */
export function createBackend(options: BackendOptions): Backend {
  const hub = new EventHub();
  const runners = new Map<string, JobRunner>();
  const leases = new ProjectLeases();
  // Before a rename or delete closes a project: nothing of it may still run or be in progress,
  // and its runner (which holds the closed database) is dropped; the next call makes a new one.
  const registry = new ProjectRegistry(options.workspace, {
    busyReason(name) {
      const runner = runners.get(name);
      if (runner && runner.activeCount() > 0) {
        const ids = runner.list().filter((j) => j.status === 'running' || j.status === 'queued');
        return `job ${ids.map((j) => j.id).join(', ') || '?'} is running`;
      }
      const methods = leases.methods(name);
      return methods.length > 0 ? `a ${methods.join(', ')} request is in progress` : null;
    },
    released: (name) => runners.delete(name),
  });
  const fractions = new Map<string, number>();
  const progressListeners = new Set<(fraction: number | null) => void>();

  const publishFraction = () => {
    const values = [...fractions.values()];
    const value = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    for (const listener of progressListeners) listener(value);
  };

  const runnerFor = (project: OpenProject): JobRunner => {
    let runner = runners.get(project.name);
    if (!runner) {
      const key = project.name;
      runner = new JobRunner(
        project.db,
        project.paths.dir,
        options.resourcesDir,
        options.launcher,
        {
          onProgress: (progress) => {
            fractions.set(`${key}#${progress.jobId}`, progress.fraction);
            publishFraction();
            hub.emit('jobs.onProgress', { project: key, ...progress });
          },
          onChange: (job) => {
            if (job.status !== 'running') {
              fractions.delete(`${key}#${job.id}`);
              publishFraction();
            }
            hub.emit('jobs.onChange', { project: key, job });
          },
        },
        options.cancelGraceMs,
      );
      runners.set(project.name, runner);
    }
    return runner;
  };

  // app.backend is asked of a job process, never answered here: see jobs/backend-probe.ts.
  const probeBackend = createBackendProbe(options.launcher);
  const handlers = holdLeases(
    {
      ...createApiHandlers(registry, runnerFor, options.pickFolder, options.showPaths),
      'app.backend': () => probeBackend(),
    },
    leases,
  );

  return {
    connect(transport) {
      const stopServing = serveApi(transport, handlers, {
        onInternalError: (error, method) => console.error(`[api] ${method} failed:`, error),
      });
      const detach = hub.attach(transport);
      return () => {
        stopServing();
        detach();
      };
    },
    runningJobs: () => [...runners.values()].reduce((n, r) => n + r.activeCount(), 0),
    activeJobs: () =>
      [...runners].flatMap(([project, runner]) => runner.activeIds().map((jobId) => ({ project, jobId }))),
    onJobProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    registry,
    runnerFor,
    async close() {
      await Promise.all([...runners.values()].map((r) => r.shutdown()));
      registry.close();
    },
  };
}
