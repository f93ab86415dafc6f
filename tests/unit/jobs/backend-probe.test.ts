import { describe, expect, it } from 'vitest';
import { createBackendProbe } from '../../../src/main/jobs/backend-probe';
import type { JobLauncher, JobProcess, WorkerInbound, WorkerOutbound } from '../../../src/main/jobs/launcher';
import { describeNodeExit } from '../../../src/main/jobs/node-launcher';

/* app.backend's answer comes from a job process; here the process is scripted. */

type Script = (proc: { say(m: WorkerOutbound): void; exit(reason: string | null): void }) => void;

function launcherOf(scripts: Script[]) {
  const sent: WorkerInbound[][] = [];
  let killed = 0;
  const launcher: JobLauncher = () => {
    const script = scripts[sent.length] ?? (() => {});
    const inbox: WorkerInbound[] = [];
    sent.push(inbox);
    let onMessage: (m: WorkerOutbound) => void = () => {};
    let onExit: (code: number | null, reason: string | null) => void = () => {};
    const proc: JobProcess = {
      send(message) {
        inbox.push(message);
        setTimeout(() => script({ say: (m) => onMessage(m), exit: (reason) => onExit(null, reason) }), 1);
      },
      onMessage: (listener) => (onMessage = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => killed++,
    };
    return proc;
  };
  return { launcher, sent, killed: () => killed };
}

const info = {
  name: 'wasm',
  reason: 'tfjs-node is not installed',
  tried: [{ name: 'tensorflow', ok: false }],
};

describe('app.backend through a job process', () => {
  it('asks one process, once, and keeps the answer', async () => {
    const { launcher, sent } = launcherOf([({ say }) => say({ type: 'result', result: info })]);
    const probe = createBackendProbe(launcher);
    const [a, b] = await Promise.all([probe(), probe()]);
    expect(a).toEqual(info);
    expect(b).toBe(a);
    await expect(probe()).resolves.toEqual(info);
    expect(sent).toEqual([[{ type: 'probeBackend' }]]);
  });

  it('fails with the reason when the process dies or errs, and asks again next time', async () => {
    const { launcher, sent } = launcherOf([
      ({ exit }) => exit('job process killed by SIGSEGV'),
      ({ say }) => say({ type: 'error', code: 'internal', message: 'no backend could start' }),
      ({ say }) => say({ type: 'result', result: { nonsense: true } }),
      ({ say }) => say({ type: 'result', result: info }),
    ]);
    const probe = createBackendProbe(launcher);
    await expect(probe()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/SIGSEGV/),
    });
    await expect(probe()).rejects.toThrow(/no backend could start/);
    await expect(probe()).rejects.toThrow(/answered with something else/);
    await expect(probe()).resolves.toEqual(info);
    expect(sent).toHaveLength(4);
  });

  it('gives up on a silent process after the timeout and kills it', async () => {
    const { launcher, killed } = launcherOf([() => {}]);
    await expect(createBackendProbe(launcher, 30)()).rejects.toThrow(/did not answer within 30 ms/);
    expect(killed()).toBe(1);
  });
});

describe('describeNodeExit', () => {
  it('names out of memory from V8’s last words, then signals, then exit codes', () => {
    const oom =
      '<--- JS stacktrace --->\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';
    expect(describeNodeExit(null, 'SIGABRT', oom, 96)).toBe(
      'job process ran out of memory (JavaScript heap limit 96 MB)',
    );
    expect(describeNodeExit(null, 'SIGKILL', 'some log line\n', 96)).toBe('job process killed by SIGKILL');
    expect(describeNodeExit(134, null, '', 96)).toBe('job process exited with code 134');
    expect(describeNodeExit(0, null, 'warning: heap is fine\n', 96)).toBeNull();
  });
});
