/**
 * How the job runner starts a job's process. Plain Node forks a child process
 * (node-launcher.ts); the desktop app uses Electron's utilityProcess (src/main/electron).
 * The runner only sees this interface.
 */

/**
 * Runner → worker. `probeBackend` asks a fresh process which TensorFlow.js backend it would use
 * (app.backend), so the UI side never loads the native backends itself.
 */
export type WorkerInbound =
  | { type: 'start'; jobId: number; kind: string; params: unknown; projectDir: string; resourcesDir: string }
  | { type: 'cancel' }
  | { type: 'probeBackend' };

/** Worker → runner. */
export type WorkerOutbound =
  | {
      type: 'progress';
      phase: string;
      done: number;
      total: number;
      fraction: number;
      metrics?: Record<string, number>;
    }
  | { type: 'result'; result: unknown }
  | { type: 'error'; code: string; message: string }
  | { type: 'log'; message: string };

export interface JobProcess {
  send(message: WorkerInbound): void;
  onMessage(listener: (message: WorkerOutbound) => void): void;
  /** Called once when the process ends; `reason` describes abnormal ends (signal, crash). */
  onExit(listener: (code: number | null, reason: string | null) => void): void;
  kill(): void;
  /** The OS process id once known: shown for diagnosis, and lets tests kill a job the hard way. */
  readonly pid?: number | undefined;
}

export type JobLauncher = () => JobProcess;
