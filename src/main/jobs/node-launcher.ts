import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JobLauncher, JobProcess, WorkerOutbound } from './launcher';

export interface NodeLauncherOptions {
  /** Old-space heap cap per job process in MB (default 4096). */
  maxOldSpaceMb?: number;
  /** The worker module to run (default: worker-entry.ts). Tests pass a worker with extra job kinds. */
  entry?: string;
}

/** How much of a job's stderr is kept to explain its end; V8's fatal lines are short and last. */
const STDERR_TAIL_CHARS = 8192;

/** V8's words when a heap limit is hit (e.g. "Reached heap limit Allocation failed - JavaScript heap out of memory"). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed|Ineffective mark-compacts/i;

/** Why a Node job process ended, in words for the job's error; null for a normal exit. */
export function describeNodeExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
  maxOldSpaceMb: number,
): string | null {
  if (OUT_OF_MEMORY.test(stderrTail))
    return `job process ran out of memory (JavaScript heap limit ${maxOldSpaceMb} MB)`;
  if (signal) return `job process killed by ${signal}`;
  if (code) return `job process exited with code ${code}`;
  return null;
}

/**
 * Starts job processes as Node children running worker-entry.ts through tsx (CLI, headless
 * server, tests). Memory is capped per job so a runaway job dies alone; its stderr is passed
 * through and its tail kept, so an out-of-memory end can be named as such.
 */
export function createNodeLauncher(options: NodeLauncherOptions = {}): JobLauncher {
  const entry = options.entry ?? fileURLToPath(new URL('./worker-entry.ts', import.meta.url));
  const maxOldSpaceMb = options.maxOldSpaceMb ?? 4096;
  return (): JobProcess => {
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${maxOldSpaceMb}`],
      // A job's stdout goes to our stderr: stdout belongs to the CLI's --json result line.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stdout?.pipe(process.stderr);
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let startError: string | null = null;
    // 'close' (not 'exit') waits for stderr to drain, so V8's last words are in the tail; the
    // timer after 'exit' only guards against a stream that never ends.
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
      child.once('exit', (code, signal) => setTimeout(() => resolve({ code, signal }), 1000).unref());
      // Without a listener a failed start would throw in the process that owns the UI. A failed
      // send or kill of a started process also lands here; its exit still follows.
      child.on('error', (error) => {
        if (child.pid !== undefined) return;
        startError = error.message;
        resolve({ code: null, signal: null });
      });
    });
    return {
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as WorkerOutbound)),
      onExit: (listener) =>
        void closed.then(({ code, signal }) =>
          listener(
            code,
            startError
              ? `job process could not be started: ${startError}`
              : describeNodeExit(code, signal, stderrTail, maxOldSpaceMb),
          ),
        ),
      kill: () => child.kill('SIGKILL'),
      get pid() {
        return child.pid;
      },
    };
  };
}
