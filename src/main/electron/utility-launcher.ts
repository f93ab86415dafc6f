import type { JobLauncher, JobProcess, WorkerOutbound } from '../jobs/launcher';

/*
 * The desktop app's JobLauncher: each job runs in an Electron utilityProcess started from the
 * built job-worker.js. Written against the members of utilityProcess it uses (not electron's
 * types) so a unit test can drive it with a fake process.
 */

export interface UtilityProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** V8 fatal errors (out of memory among them); `exit` still follows. */
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
  /** Electron's UtilityProcess.pid: undefined until the process has spawned. */
  readonly pid?: number | undefined;
}

export interface UtilityForkOptions {
  serviceName: string;
  execArgv: string[];
  stdio: 'inherit' | 'ignore';
}

/** The subset of app's `child-process-gone` details used to name an abnormal end. */
export interface ProcessGoneDetails {
  type: string;
  reason: string;
  exitCode: number;
  name?: string;
  serviceName?: string;
}

export interface UtilityLauncherOptions {
  /** Absolute path of the built worker (job-worker.js next to main.js). */
  workerPath: string;
  fork: (modulePath: string, args: string[], options: UtilityForkOptions) => UtilityProcessLike;
  /** Subscribes to app's `child-process-gone`; returns an unsubscribe function. */
  onProcessGone: (listener: (details: ProcessGoneDetails) => void) => () => void;
  maxOldSpaceMb?: number;
  /** How long to wait after a non-zero exit for the crash details to arrive. */
  exitGraceMs?: number;
  /**
   * After kill(), how long to wait for the exit before killing by pid with SIGKILL: Electron's
   * kill() sends SIGTERM on POSIX, which a handler in some library could catch and ignore.
   */
  forceKillAfterMs?: number;
  forceKill?: (pid: number) => void;
  log?: (message: string) => void;
}

const OUTBOUND_TYPES = new Set(['progress', 'result', 'error', 'log']);

/** A worker is trusted code, but a message still has to look like one before it is routed. */
export function isWorkerOutbound(value: unknown): value is WorkerOutbound {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && OUTBOUND_TYPES.has(type);
}

/** Why a job process ended, in words for the job's error; null for a normal exit. */
export function describeUtilityExit(end: {
  code: number | null;
  gone?: ProcessGoneDetails | null;
  fatalLocation?: string | null;
  killedByApp?: boolean;
}): string | null {
  const codeText = end.code === null ? '' : ` (exit code ${end.code})`;
  if (end.killedByApp) return 'the job process was stopped by the app';
  if (end.fatalLocation && /heap|memory|allocation/i.test(end.fatalLocation)) {
    return `the job process ran out of memory (${end.fatalLocation})`;
  }
  switch (end.gone?.reason) {
    case 'oom':
      return `the job process ran out of memory${codeText}`;
    case 'crashed':
      return `the job process crashed${codeText}`;
    case 'killed':
      return `the job process was killed by the system${codeText}`;
    case 'launch-failed':
      return `the job process could not be started (error ${end.gone.exitCode})`;
    case 'integrity-failure':
      return 'the job process failed a code integrity check';
    case 'memory-eviction':
      return 'the job process was ended to free memory';
    case 'abnormal-exit':
      return `the job process exited abnormally${codeText}`;
    default:
      break;
  }
  if (end.fatalLocation) return `the job process hit a fatal error at ${end.fatalLocation}${codeText}`;
  if (end.code !== 0) return `the job process exited${codeText}`;
  return null;
}

export function createUtilityLauncher(options: UtilityLauncherOptions): JobLauncher {
  const log = options.log ?? ((message: string) => console.warn(message));
  const graceMs = options.exitGraceMs ?? 250;
  const forceKillAfterMs = options.forceKillAfterMs ?? 3000;
  const forceKill =
    options.forceKill ??
    ((pid: number) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
  let counter = 0;

  return (): JobProcess => {
    const serviceName = `datapress-job-${process.pid}-${++counter}`;
    const child = options.fork(options.workerPath, [], {
      serviceName,
      execArgv: [`--max-old-space-size=${options.maxOldSpaceMb ?? 4096}`],
      stdio: 'inherit',
    });

    const messageListeners: ((message: WorkerOutbound) => void)[] = [];
    const exitListeners: ((code: number | null, reason: string | null) => void)[] = [];
    let gone: ProcessGoneDetails | null = null;
    let fatalLocation: string | null = null;
    let killedByApp = false;
    let exited = false;
    let reported: { code: number | null; reason: string | null } | null = null;

    const stopWatchingGone = options.onProcessGone((details) => {
      if (details.type !== 'Utility') return;
      if (details.name !== serviceName && details.serviceName !== serviceName) return;
      gone = details;
    });

    const report = (code: number | null): void => {
      if (reported) return;
      stopWatchingGone();
      reported = { code, reason: describeUtilityExit({ code, gone, fatalLocation, killedByApp }) };
      for (const listener of exitListeners) listener(reported.code, reported.reason);
    };

    child.on('message', (message: unknown) => {
      if (!isWorkerOutbound(message)) {
        log(`[jobs] dropped a malformed message from ${serviceName}`);
        return;
      }
      for (const listener of messageListeners) listener(message);
    });
    child.on('error', (_type: string, location: string) => {
      fatalLocation = location || 'unknown location';
    });
    child.on('exit', (code: number) => {
      exited = true;
      // app's child-process-gone may land just after exit: give it a moment to name the cause.
      if (code === 0 && !fatalLocation) report(code);
      else setTimeout(() => report(code), graceMs);
    });

    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (exited) return;
        child.postMessage(message);
      },
      onMessage(listener) {
        messageListeners.push(listener);
      },
      onExit(listener) {
        exitListeners.push(listener);
        if (reported) listener(reported.code, reported.reason);
      },
      kill() {
        if (exited || killedByApp) return;
        killedByApp = true;
        child.kill();
        const timer = setTimeout(() => {
          if (!exited && child.pid !== undefined) {
            log(`[jobs] ${serviceName} ignored the stop; killing it with SIGKILL`);
            forceKill(child.pid);
          }
        }, forceKillAfterMs);
        timer.unref?.();
      },
    };
  };
}
