import type { ApiHandlers } from '../../shared/api/contract';
import { estimateScoring } from '../compress/scoring/estimate';
import { classScoreView, compareStoredSelections } from '../compress/selection-views';
import { createSelection, listSelections, selectionDto } from '../compress/selection-service';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import { checkScorable } from '../compress/scoring/score-checks';
import { listScoreSets, scoreSetDto } from '../store/score-sets-repo';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

type PruneMethods =
  | 'scores.estimate'
  | 'scores.start'
  | 'scores.list'
  | 'scores.classView'
  | 'selections.create'
  | 'selections.list'
  | 'selections.get'
  | 'selections.compare';

/** The Prune step's API: scoring jobs, stored score sets, selections and the views of them. */
export function pruneHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<ApiHandlers, PruneMethods> {
  return {
    'scores.estimate': async ({ project, params }) => estimateScoring(registry.get(project).db, params),
    'scores.start': async ({ project, params }) => {
      const p = registry.get(project);
      // Refuse what cannot be scored now, not in the job process seconds later.
      getReadyDataset(p.db, params.datasetId);
      checkScorable(
        samplesOf(p.db, params.datasetId, 'train'),
        classNames(p.db, params.datasetId),
        params.datasetId,
      );
      return runnerFor(p).start('score', params);
    },
    'scores.list': async ({ project, datasetId }) =>
      listScoreSets(registry.get(project).db, datasetId).map(scoreSetDto),
    'scores.classView': async ({ project, ...req }) => {
      const p = registry.get(project);
      return classScoreView(p.db, p.paths, req);
    },
    'selections.create': async ({ project, params }) => {
      const p = registry.get(project);
      return createSelection(p.db, p.paths, params);
    },
    'selections.list': async ({ project, datasetId }) => listSelections(registry.get(project).db, datasetId),
    'selections.get': async ({ project, selectionId }) => selectionDto(registry.get(project).db, selectionId),
    'selections.compare': async ({ project, a, b }) =>
      compareStoredSelections(registry.get(project).db, a, b),
  };
}
