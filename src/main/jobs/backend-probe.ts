import type { BackendInfo } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { JobLauncher } from './launcher';

/**
 * app.backend, answered by a job process: which TensorFlow.js backend a job would use. Asking a
 * process started by the same launcher gives the jobs' real answer (their environment, their
 * memory cap) and keeps the native backends out of the UI side: tfjs-node-gpu initialising CUDA
 * in the Electron main process would hold GPU memory for the app's lifetime, and a broken native
 * addon would take the window down with it instead of one job process.
 *
 * The answer is kept for the backend's lifetime (the installed packages do not change under a
 * running app); a failed probe is not kept, so the next call tries again.
 */
export function createBackendProbe(launcher: JobLauncher, timeoutMs = 120_000): () => Promise<BackendInfo> {
  let answer: Promise<BackendInfo> | null = null;
  return () => {
    if (!answer) {
      answer = probeOnce(launcher, timeoutMs);
      answer.catch(() => {
        answer = null;
      });
    }
    return answer;
  };
}

function probeOnce(launcher: JobLauncher, timeoutMs: number): Promise<BackendInfo> {
  return new Promise<BackendInfo>((resolve, reject) => {
    const proc = launcher();
    let done = false;
    const finish = (outcome: { info: BackendInfo } | { error: ApiError }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if ('info' in outcome) resolve(outcome.info);
      else {
        proc.kill();
        reject(outcome.error);
      }
    };
    const timer = setTimeout(
      () =>
        finish({
          error: new ApiError('internal', `the backend probe did not answer within ${timeoutMs} ms`),
        }),
      timeoutMs,
    );
    proc.onMessage((message) => {
      if (message.type === 'result') {
        if (isBackendInfo(message.result)) finish({ info: message.result });
        else finish({ error: new ApiError('internal', 'the backend probe answered with something else') });
      } else if (message.type === 'error') {
        finish({ error: new ApiError('internal', `the backend probe failed: ${message.message}`) });
      }
    });
    proc.onExit((_code, reason) =>
      finish({
        error: new ApiError(
          'internal',
          `the backend probe ended without an answer: ${reason ?? 'no reason given'}`,
        ),
      }),
    );
    proc.send({ type: 'probeBackend' });
  });
}

function isBackendInfo(value: unknown): value is BackendInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Partial<BackendInfo>;
  return typeof info.name === 'string' && typeof info.reason === 'string' && Array.isArray(info.tried);
}
