import type { ApiHandlers } from '../../shared/api/contract';
import { ApiError } from '../../shared/rpc/errors';

/** The desktop app's native folder picker; absent in the browser and the CLI. */
export type FolderPicker = (options: {
  title: string;
  purpose: 'import' | 'export';
}) => Promise<string | null>;
import { SCHEMA_VERSION } from '../store/migrations';
import { listDatasets } from '../store/datasets-repo';
import { getImportReport } from '../store/imports-repo';
import { APP_VERSION } from '../app-version';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';
import { datasetThumbnails } from './thumbnails';
import { samplesHandler } from './sample-pages';
import { exportStoredSet, listSets } from '../datasets/export-set';
import { exportHandlers } from './export-handlers';
import { pruneHandlers } from './prune-handlers';
import { trainingHandlers } from './training-handlers';
import { augmentHandlers } from './augment-handlers';
import { combineHandlers } from './combine-handlers';
import { rdedHandlers } from './rded-handlers';
import { dmHandlers } from './dm-handlers';
import { benchHandlers } from './bench-handlers';
import { importHandlers } from './import-handlers';
import { showPath, type PathShower } from './show-path';

/**
 * The API's implementation. Each handler receives params already validated against the
 * contract's schema and delegates to the store, the job runner or a domain module.
 * 'app.backend' is not here: the backend chooser loads TensorFlow.js, so backend.ts answers it
 * from a job process (jobs/backend-probe.ts).
 */
export function createApiHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
  pickFolder?: FolderPicker,
  shower?: PathShower,
): Omit<ApiHandlers, 'app.backend'> {
  return {
    'app.info': async () => ({
      version: APP_VERSION,
      workspace: registry.workspace,
      schemaVersion: SCHEMA_VERSION,
      canPickFolders: pickFolder !== undefined,
      canShowPaths: shower !== undefined,
    }),
    'app.showPath': async ({ path, how }) => showPath(shower, registry.workspace, path, how),
    'app.pickFolder': async (params) => {
      if (!pickFolder) throw new ApiError('unsupported', 'no folder picker here: type the path instead');
      return { path: await pickFolder(params) };
    },
    'projects.list': async () => registry.list(),
    'projects.create': async ({ project }) => registry.create(project),
    'projects.open': async ({ project }) => registry.markOpened(project),
    'projects.rename': async ({ project, to }) => registry.rename(project, to),
    'projects.delete': async ({ project, confirm }) => registry.remove(project, confirm),
    'datasets.list': async ({ project }) => listDatasets(registry.get(project).db),
    'datasets.thumbnails': async ({ project, datasetId, split, perClass }) => {
      const p = registry.get(project);
      return datasetThumbnails(p.db, p.paths, datasetId, split, perClass);
    },
    'datasets.samples': samplesHandler(registry),
    'datasets.import': async ({ project, params }) =>
      runnerFor(registry.get(project)).start('import', params),
    'datasets.importReport': async ({ project, datasetId }) =>
      getImportReport(registry.get(project).db, datasetId),
    ...importHandlers(),
    'jobs.startDemo': async ({ project, params }) => runnerFor(registry.get(project)).start('demo', params),
    'jobs.list': async ({ project }) => runnerFor(registry.get(project)).list(),
    'jobs.get': async ({ project, jobId }) => runnerFor(registry.get(project)).get(jobId),
    'jobs.cancel': async ({ project, jobId }) => runnerFor(registry.get(project)).cancel(jobId),
    'jobs.resume': async ({ project, jobId }) => runnerFor(registry.get(project)).resume(jobId),
    ...pruneHandlers(registry, runnerFor),
    ...trainingHandlers(registry, runnerFor),
    ...augmentHandlers(registry),
    'sets.list': async ({ project }) => listSets(registry.get(project).db),
    ...combineHandlers(registry),
    ...rdedHandlers(registry, runnerFor),
    ...dmHandlers(registry, runnerFor),
    ...benchHandlers(registry, runnerFor),
    'exports.create': async ({ project, setId, dir, format, quality, replace, modelRunId }) => {
      const p = registry.get(project);
      return exportStoredSet(p.db, p.paths, {
        setId,
        dir,
        format,
        quality,
        replace,
        ...(modelRunId !== undefined ? { modelRunId } : {}),
      });
    },
    ...exportHandlers(registry, runnerFor),
  };
}
