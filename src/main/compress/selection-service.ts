/**
 * Selections as stored objects: made from a dataset's training split and (for every method but
 * random) a stored score set, class balanced, with the kept ids per class in rank order.
 */
import { join } from 'node:path';
import type { SelectionCreatedDto, SelectionDto } from '../../shared/api/dto';
import {
  SCORE_METHOD_NAMES,
  type ScoreMethodName,
  type SelectionParams,
} from '../../shared/api/selection-params';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from '../store/database';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { getScoreSet, listScoreSets, loadScoreColumn, type StoredScoreSet } from '../store/score-sets-repo';
import { getSelection, insertSelection, listSelectionIds } from '../store/selections-repo';
import { ipcForBudget, storedBytes } from './select/budget';
import { selectClassBalanced, type ClassPool } from './select/select-class-balanced';
import { EASY_END } from './scoring/easy-ends';
import { readFeatures } from './scoring/score-files';

const isScoreMethod = (m: string): m is ScoreMethodName =>
  (SCORE_METHOD_NAMES as readonly string[]).includes(m);

/** The score set a request names, checked against its dataset, or the dataset's newest one. */
export function scoreSetFor(db: Db, datasetId: number, scoreSetId: number | undefined): StoredScoreSet {
  if (scoreSetId !== undefined) {
    const set = getScoreSet(db, scoreSetId);
    if (set.datasetId !== datasetId)
      throw new ApiError(
        'bad_request',
        `score set ${scoreSetId} was computed on dataset ${set.datasetId}, not on dataset ${datasetId}`,
      );
    return set;
  }
  const newest = listScoreSets(db, datasetId)[0];
  if (!newest)
    throw new ApiError(
      'bad_request',
      `dataset ${datasetId} has no scores yet: score it first (datapress score, or the Prune step)`,
    );
  return newest;
}

export function createSelection(db: Db, paths: ProjectPaths, params: SelectionParams): SelectionCreatedDto {
  const started = performance.now();
  const dataset = getReadyDataset(db, params.datasetId);
  const names = classNames(db, dataset.id);
  const train = samplesOf(db, dataset.id, 'train');
  if (train.length === 0) throw new ApiError('bad_request', `dataset ${dataset.id} has no training images`);
  const scoreMethod = isScoreMethod(params.method);
  if (!scoreMethod && params.rule !== undefined)
    throw new ApiError(
      'bad_request',
      `rule applies to score-based methods only; method ${params.method} takes no rule (got ${params.rule})`,
    );
  const rule = scoreMethod ? (params.rule ?? 'easy') : null;
  const needsScores = params.method !== 'random';
  const set = needsScores ? scoreSetFor(db, dataset.id, params.scoreSetId) : null;

  // Rows: the score set's row order when there is one, else the training split's.
  let sampleIds: ArrayLike<number> = Int32Array.from(train, (s) => s.id);
  let scores: Float64Array | undefined;
  if (set) {
    const column = loadScoreColumn(db, set.id, scoreMethod ? (params.method as ScoreMethodName) : 'el2n');
    if (column.sampleIds.length !== train.length)
      throw new ApiError(
        'conflict',
        `score set ${set.id} holds ${column.sampleIds.length} images but the training split has ${train.length}`,
      );
    sampleIds = column.sampleIds;
    scores = column.scores;
  }
  const classOf = new Map(train.map((s) => [s.id, s.classIndex]));
  const pools: ClassPool[] = names.map((name, classIndex) => ({ classIndex, name, rows: [] }));
  for (let r = 0; r < sampleIds.length; r++)
    pools[classOf.get(sampleIds[r] as number) as number]?.rows.push(r);

  const bytesPerImage = dataset.height * dataset.width * dataset.channels;
  const ipc = ipcForBudget(params.budget, { trainCount: train.length, classes: names.length, bytesPerImage });
  const features =
    set && (params.method === 'herding' || params.method === 'kcenter')
      ? {
          data: readFeatures(join(paths.scoresDir, set.dir), set.samples, set.featureDims),
          dim: set.featureDims,
        }
      : undefined;
  const ccs = {
    ...(params.ccsBeta !== undefined ? { beta: params.ccsBeta } : {}),
    ...(params.ccsStrata !== undefined ? { strata: params.ccsStrata } : {}),
  };
  const out = selectClassBalanced({
    method: params.method,
    rule,
    ipc,
    seed: params.seed,
    pools,
    sampleIds,
    ...(scoreMethod && scores ? { scores, easyEnd: EASY_END[params.method as ScoreMethodName] } : {}),
    ...(features ? { features } : {}),
    ...(rule === 'ccs' ? { ccs } : {}),
  });
  const id = insertSelection(db, {
    datasetId: dataset.id,
    method: params.method,
    rule: rule ?? 'none',
    ipc,
    seed: params.seed,
    scoreSetId: set?.id ?? null,
    params: {
      classBalanced: true,
      budget: params.budget,
      ...(rule === 'ccs' ? { ccs } : {}),
      ...(set
        ? {
            scoreSetId: set.id,
            scoreModel: `${set.model}-w${set.width}`,
            scoreEpochs: set.epochs,
            scoreSeeds: set.seeds,
          }
        : {}),
    },
    warnings: out.warnings,
    perClass: out.perClass,
  });
  return { ...selectionDto(db, id), seconds: (performance.now() - started) / 1000 };
}

export function selectionDto(db: Db, id: number): SelectionDto {
  const row = getSelection(db, id);
  const dataset = getReadyDataset(db, row.datasetId);
  const names = classNames(db, row.datasetId);
  // Counts only: grouped in SQL (a few ms) rather than reading every sample row.
  const counts = (sql: string, key: number) =>
    new Map((db.prepare(sql).all(key) as { c: number; n: number }[]).map((r) => [r.c, r.n]));
  const available = counts(
    "SELECT class_index AS c, COUNT(*) AS n FROM samples WHERE dataset_id = ? AND split = 'train' GROUP BY class_index",
    row.datasetId,
  );
  const kept = counts(
    'SELECT class_index AS c, COUNT(*) AS n FROM selection_items WHERE selection_id = ? GROUP BY class_index',
    id,
  );
  const perClass = names.map((name, classIndex) => ({
    classIndex,
    name,
    kept: kept.get(classIndex) ?? 0,
    available: available.get(classIndex) ?? 0,
  }));
  const total = perClass.reduce((sum, c) => sum + c.kept, 0);
  return {
    ...row,
    perClass,
    kept: total,
    storedBytes: storedBytes(total, 1, dataset.height * dataset.width * dataset.channels),
  };
}

export function listSelections(db: Db, datasetId?: number): SelectionDto[] {
  return listSelectionIds(db, datasetId).map((id) => selectionDto(db, id));
}
