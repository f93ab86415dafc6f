/**
 * The job process's loop: receives one `start` (or `probeBackend`), runs it, reports progress
 * and the result, and exits. Runs as a Node child process (process.send) or an Electron
 * utilityProcess (process.parentPort); tensor work never runs in the process that owns the UI.
 * The job kinds are passed in, so the app's worker (worker-entry.ts) knows only the real kinds and
 * a test's worker can add kinds of its own without the API ever reaching them.
 */
import { ApiError, toErrorEnvelope } from '../../shared/rpc/errors';
import { openProject } from '../store/project-store';
import type { JobKindRunner } from './job-context';
import type { WorkerInbound, WorkerOutbound } from './launcher';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function runWorker(kinds: Readonly<Record<string, JobKindRunner>>): void {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  const post = (message: WorkerOutbound): void => {
    if (parentPort) parentPort.postMessage(message);
    else process.send?.(message);
  };
  let cancelRequested = false;
  let started = false;

  const runJob = async (start: Extract<WorkerInbound, { type: 'start' }>): Promise<unknown> => {
    // Own property only: a kind named "constructor" or "toString" must not find Object's.
    const runner = Object.hasOwn(kinds, start.kind) ? kinds[start.kind] : undefined;
    if (!runner) throw new ApiError('bad_request', `unknown job kind "${start.kind}"`);
    const { db, paths } = openProject(start.projectDir);
    try {
      return await runner({
        jobId: start.jobId,
        params: start.params,
        db,
        paths,
        resourcesDir: start.resourcesDir,
        progress: (phase, done, total, fraction, metrics) =>
          post({ type: 'progress', phase, done, total, fraction, ...(metrics ? { metrics } : {}) }),
        shouldStop: () => cancelRequested,
        checkCancelled: () => {
          if (cancelRequested) throw new ApiError('cancelled', 'the job was cancelled');
        },
        log: (message) => post({ type: 'log', message }),
      });
    } finally {
      db.close();
    }
  };

  // Loaded here, on demand: a job kind that never needs TensorFlow.js does not pay for it.
  const probeBackend = async (): Promise<unknown> => (await import('../ml/backend')).initTensorBackend();

  const onMessage = (raw: unknown): void => {
    const message = raw as WorkerInbound;
    if (message?.type === 'cancel') {
      cancelRequested = true;
      return;
    }
    if ((message?.type !== 'start' && message?.type !== 'probeBackend') || started) return;
    started = true;
    (message.type === 'start' ? runJob(message) : probeBackend())
      .then((result) => post({ type: 'result', result }))
      .catch((error: unknown) => {
        const envelope = toErrorEnvelope(error);
        post({ type: 'error', code: envelope.code, message: envelope.message });
      })
      // Leave time for the last message to flush before the process ends.
      .finally(() => setTimeout(() => process.exit(0), 50));
  };

  if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
  else process.on('message', onMessage);
}
