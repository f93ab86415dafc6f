import type { JobKindRunner } from '../job-context';
import { runDemoJob } from './demo-job';

/** Every job kind a worker process can run, by name. */
export const JOB_KINDS: Record<string, JobKindRunner> = {
  demo: runDemoJob,
};
