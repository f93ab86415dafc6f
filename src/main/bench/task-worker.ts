/**
 * A benchmark task thread: runs job kinds (a training run, a DM set, scoring…) one after another
 * on its own TensorFlow.js instance, so the runner keeps every core busy with independent runs
 * without paying a process start per run. Each task opens the project's database itself.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ApiError, toErrorEnvelope } from '../../shared/rpc/errors.ts';
import { JOB_KINDS } from '../jobs/kinds/registry.ts';
import { openProject } from '../store/project-store.ts';
import type { FromTaskWorker, ToTaskWorker } from './task-protocol.ts';

const port = parentPort;
if (!port) throw new Error('task-worker must run in a worker thread');
let cancelled = false;
let queue: Promise<void> = Promise.resolve();

function send(message: FromTaskWorker): void {
  port?.postMessage(message);
}

/** This thread's CPU seconds (Linux: /proc/thread-self/stat utime + stime, at 100 ticks a second). */
function threadCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function run(task: Extract<ToTaskWorker, { type: 'run' }>): Promise<void> {
  const started = performance.now();
  const cpu0 = threadCpuSeconds();
  const { taskId } = task;
  try {
    const runner = JOB_KINDS[task.kind];
    if (!runner) throw new ApiError('bad_request', `unknown job kind "${task.kind}"`);
    const { db, paths } = openProject(task.projectDir);
    try {
      const result = await runner({
        jobId: task.jobId,
        params: task.params,
        db,
        paths,
        resourcesDir: task.resourcesDir,
        progress: (phase, done, total, _fraction, metrics) =>
          send({ type: 'progress', taskId, phase, done, total, ...(metrics ? { metrics } : {}) }),
        shouldStop: () => cancelled,
        checkCancelled: () => {
          if (cancelled) throw new ApiError('cancelled', 'the benchmark was cancelled');
        },
        log: (message) => send({ type: 'log', taskId, message }),
      });
      const cpu1 = threadCpuSeconds();
      const cpuSeconds = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
      send({ type: 'result', taskId, result, seconds: (performance.now() - started) / 1000, cpuSeconds });
    } finally {
      db.close();
    }
  } catch (error) {
    const envelope = toErrorEnvelope(error);
    send({ type: 'error', taskId, code: envelope.code, message: envelope.message });
  }
}

port.on('message', (message: ToTaskWorker) => {
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  queue = queue.then(() => run(message));
});
