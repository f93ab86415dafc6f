import type { ApiClient } from '../../shared/api/api-client';
import type { DatasetDto, JobDto } from '../../shared/api/dto';
import type { ProgressMap } from './jobs';

/**
 * What every step panel that starts jobs is given by the workspace: the API, the project, its
 * datasets and jobs with their live progress, whether a job runs, and the two job callbacks.
 */
export interface JobPanelProps {
  api: ApiClient;
  project: string;
  datasets: DatasetDto[];
  jobs: JobDto[];
  progress: ProgressMap;
  busy: boolean;
  onStarted: (job: JobDto) => void;
  onCancel: (jobId: number) => Promise<void>;
}
