import type { ApiHandlers } from '../../shared/api/contract';
import { getCompressedSet } from '../store/compressed-sets-repo';
import { getReadyDataset } from '../store/datasets-repo';
import { getRun, listRuns } from '../store/runs-read';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

/** Training jobs and their stored runs. */
export function trainingHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<ApiHandlers, 'training.start' | 'runs.list' | 'runs.get'> {
  return {
    'training.start': async ({ project, params }) => {
      const p = registry.get(project);
      // Refuse what cannot run now, before a job process starts.
      if (params.setId !== undefined) getCompressedSet(p.db, params.setId);
      else getReadyDataset(p.db, params.datasetId as number);
      return runnerFor(p).start('train', params);
    },
    'runs.list': async ({ project }) => listRuns(registry.get(project).db),
    'runs.get': async ({ project, runId }) => getRun(registry.get(project).db, runId),
  };
}
