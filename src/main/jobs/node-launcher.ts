import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JobLauncher, JobProcess, WorkerOutbound } from './launcher';

/**
 * Starts job processes as Node children running worker-entry.ts through tsx (CLI, headless
 * server, tests). Memory is capped per job so a runaway job dies alone.
 */
export function createNodeLauncher(options: { maxOldSpaceMb?: number } = {}): JobLauncher {
  const entry = fileURLToPath(new URL('./worker-entry.ts', import.meta.url));
  return (): JobProcess => {
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${options.maxOldSpaceMb ?? 4096}`],
      // A job's stdout goes to our stderr: stdout belongs to the CLI's --json result line.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child.stdout?.pipe(process.stderr);
    return {
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as WorkerOutbound)),
      onExit: (listener) =>
        child.once('exit', (code, signal) =>
          listener(
            code,
            signal ? `job process killed by ${signal}` : code ? `job process exited with code ${code}` : null,
          ),
        ),
      kill: () => child.kill('SIGKILL'),
      get pid() {
        return child.pid;
      },
    };
  };
}
