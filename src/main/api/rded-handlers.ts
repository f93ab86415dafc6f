import type { ApiHandlers } from '../../shared/api/contract';
import { checkRdedRequest } from '../compress/rded/rded-plan';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

/**
 * The RDED-style distilled set's API. A job, unlike Combine: it may train the teacher and runs
 * the teacher over every crop (TensorFlow.js lives in job processes only).
 */
export function rdedHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<ApiHandlers, 'sets.rded'> {
  return {
    'sets.rded': async ({ project, params }) => {
      const p = registry.get(project);
      // Refuse what cannot run (unknown dataset, one class, a grid too fine) before a job starts.
      checkRdedRequest(p.db, params);
      return runnerFor(p).start('rded', params);
    },
  };
}
