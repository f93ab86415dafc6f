import type { ApiHandlers } from '../../shared/api/contract';
import { combineSelection, previewMosaics } from '../compress/combine/combine-service';
import type { ProjectRegistry } from './project-registry';

type CombineMethods = 'sets.combine' | 'sets.previewMosaics';

/**
 * The Combine step's API. It runs in the API process, not as a job: it reads only the kept
 * images and resizes them with sharp (libuv's thread pool), seconds even for a large selection.
 */
export function combineHandlers(registry: ProjectRegistry): Pick<ApiHandlers, CombineMethods> {
  return {
    'sets.combine': async ({ project, ...req }) => {
      const p = registry.get(project);
      return combineSelection(p.db, p.paths, req);
    },
    'sets.previewMosaics': async ({ project, ...req }) => {
      const p = registry.get(project);
      return previewMosaics(p.db, p.paths, req);
    },
  };
}
