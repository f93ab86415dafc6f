import type { ApiHandlers } from '../../shared/api/contract';
import { previewStoredSet } from '../datasets/export-preview';
import type { ProjectRegistry } from './project-registry';

/** The Export step's read-only API: what an export would write, before it is written. */
export function exportHandlers(registry: ProjectRegistry): Pick<ApiHandlers, 'exports.preview'> {
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
  };
}
