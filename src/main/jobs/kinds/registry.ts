import type { JobKindRunner } from '../job-context';
import { runDemoJob } from './demo-job';
import { runImportJob } from '../../datasets/import/import-job';
import { runScoreJob } from '../../compress/scoring/score-job';
import { runTrainJob } from '../../training/train-job';
import { runRdedJob } from '../../compress/rded/rded-job';
import { runDmJob } from '../../compress/dm/dm-job';
import { runTeacherJob } from '../../training/teacher-job';
import { runBenchJob } from '../../bench/bench-job';
import { runExportJob } from '../../datasets/export-job';

/** Every job kind a worker process can run, by name. */
export const JOB_KINDS: Record<string, JobKindRunner> = {
  demo: runDemoJob,
  import: runImportJob,
  score: runScoreJob,
  train: runTrainJob,
  rded: runRdedJob,
  dm: runDmJob,
  teacher: runTeacherJob,
  bench: runBenchJob,
  export: runExportJob,
};
