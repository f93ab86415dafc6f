/**
 * The job process: receives one `start`, runs the job kind, reports progress and the result,
 * and exits. Runs as a Node child process (process.send) or an Electron utilityProcess
 * (process.parentPort); tensor work never runs in the process that owns the UI.
 */
import { ApiError, toErrorEnvelope } from '../../shared/rpc/errors';
import { openProject } from '../store/project-store';
import type { WorkerInbound, WorkerOutbound } from './launcher';
import { JOB_KINDS } from './kinds/registry';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function post(message: WorkerOutbound): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

let cancelRequested = false;
let started = false;

async function run(start: Extract<WorkerInbound, { type: 'start' }>): Promise<void> {
  const runner = JOB_KINDS[start.kind];
  if (!runner) throw new ApiError('bad_request', `unknown job kind "${start.kind}"`);
  const { db, paths } = openProject(start.projectDir);
  try {
    const result = await runner({
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
    post({ type: 'result', result });
  } finally {
    db.close();
  }
}

function onMessage(raw: unknown): void {
  const message = raw as WorkerInbound;
  if (message?.type === 'cancel') {
    cancelRequested = true;
    return;
  }
  if (message?.type !== 'start' || started) return;
  started = true;
  run(message)
    .catch((error: unknown) => {
      const envelope = toErrorEnvelope(error);
      post({ type: 'error', code: envelope.code, message: envelope.message });
    })
    // Leave time for the last message to flush before the process ends.
    .finally(() => setTimeout(() => process.exit(0), 50));
}

if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
else process.on('message', onMessage);
