import type { ApiHandlers } from '../../shared/api/contract';
import { checkDmRequest } from '../compress/dm/dm-plan';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

/**
 * The DM distilled set's API: a job (it runs a fresh random ConvNet over real and synthetic
 * images every iteration; TensorFlow.js lives in job processes only).
 */
export function dmHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<ApiHandlers, 'sets.dm'> {
  return {
    'sets.dm': async ({ project, params }) => {
      const p = registry.get(project);
      // Refuse what cannot run (unknown or unfinished dataset, one class, images too small for
      // the embedder) before a job starts; the schema has already checked the bounds (ipc ≥ 1).
      checkDmRequest(p.db, params);
      return runnerFor(p).start('dm', params);
    },
  };
}
