/** Messages between the benchmark runner and its task threads (task-pool.ts ↔ task-worker.ts). */

export type ToTaskWorker =
  | {
      type: 'run';
      taskId: number;
      kind: string;
      params: unknown;
      jobId: number;
      projectDir: string;
      resourcesDir: string;
    }
  | { type: 'cancel' };

export type FromTaskWorker =
  | {
      type: 'progress';
      taskId: number;
      phase: string;
      done: number;
      total: number;
      metrics?: Record<string, number>;
    }
  | { type: 'log'; taskId: number; message: string }
  | { type: 'result'; taskId: number; result: unknown; seconds: number; cpuSeconds: number | null }
  | { type: 'error'; taskId: number; code: string; message: string };
