import type { ApiHandlers } from '../../shared/api/contract';
import { previewStoredSet } from '../datasets/export-preview';
import { checkStoredSetExport } from '../datasets/export-set';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

/**
 * The Export step's API: what an export would write, before it is written, and the export as a
 * job (progress, cancel). exports.create, the same export in-process for the CLI, is in
 * api-service.ts.
 */
export function exportHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<ApiHandlers, 'exports.preview' | 'exports.start'> {
  return {
    'exports.preview': async ({ project, setId, format, quality, modelRunId }) => {
      const p = registry.get(project);
      return previewStoredSet(p.db, p.paths, {
        setId,
        format,
        quality,
        ...(modelRunId !== undefined ? { modelRunId } : {}),
      });
    },
    'exports.start': async ({ project, ...params }) => {
      const p = registry.get(project);
      // Everything exports.create would refuse before writing is refused here, with its words,
      // so a wrong folder or set never becomes a failed job row. The job checks again (the
      // folder may fill up meanwhile) and writes atomically.
      checkStoredSetExport(p.db, p.paths, params);
      return runnerFor(p).start('export', params);
    },
  };
}
