/**
 * What the Prune screens show, as data: two selections compared class by class, and one class
 * under one score (histogram with the kept images marked, easiest / hardest / kept image grids).
 */
import { join } from 'node:path';
import type { ClassScoreViewDto, ScoredThumbnail, SelectionComparisonDto } from '../../shared/api/dto';
import type { ScoreMethodName } from '../../shared/api/selection-params';
import { ApiError } from '../../shared/rpc/errors';
import { readPixelRows } from '../datasets/pixel-cache';
import { encodePng } from '../images/encode-png';
import type { Db } from '../store/database';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { getScoreSet, loadScoreColumn } from '../store/score-sets-repo';
import { getSelection, selectionPerClass } from '../store/selections-repo';
import { compareSelections } from './select/compare';
import { scoreHistogram } from './select/histogram';
import { rankEasyFirst } from './select/ranking';
import { EASY_END } from './scoring/easy-ends';

export function compareStoredSelections(db: Db, a: number, b: number): SelectionComparisonDto {
  const selA = getSelection(db, a);
  const selB = getSelection(db, b);
  if (selA.datasetId !== selB.datasetId)
    throw new ApiError(
      'bad_request',
      `selection ${a} is of dataset ${selA.datasetId} and selection ${b} of dataset ${selB.datasetId}: only selections of one dataset can be compared`,
    );
  const names = classNames(db, selA.datasetId);
  const result = compareSelections(selectionPerClass(db, a), selectionPerClass(db, b));
  return {
    a,
    b,
    ...result,
    perClass: result.perClass.map((c) => ({ ...c, name: names[c.classIndex] ?? String(c.classIndex) })),
  };
}

export interface ClassViewRequest {
  scoreSetId: number;
  classIndex: number;
  score: ScoreMethodName;
  selectionId?: number | undefined;
  bins: number;
  /** Images in each of the easiest and hardest grids, and in one page of kept images. */
  grid: number;
  keptOffset: number;
}

export async function classScoreView(
  db: Db,
  paths: ProjectPaths,
  req: ClassViewRequest,
): Promise<ClassScoreViewDto> {
  const set = getScoreSet(db, req.scoreSetId);
  const dataset = getReadyDataset(db, set.datasetId);
  const names = classNames(db, dataset.id);
  if (!Number.isInteger(req.classIndex) || req.classIndex < 0 || req.classIndex >= names.length)
    throw new ApiError(
      'bad_request',
      `class ${req.classIndex} does not exist; dataset ${dataset.id} has classes 0..${names.length - 1}`,
    );
  let kept: number[] = [];
  if (req.selectionId !== undefined) {
    const selection = getSelection(db, req.selectionId);
    if (selection.datasetId !== dataset.id)
      throw new ApiError(
        'bad_request',
        `selection ${req.selectionId} is of dataset ${selection.datasetId}, score set ${set.id} of dataset ${dataset.id}`,
      );
    kept = selectionPerClass(db, req.selectionId).get(req.classIndex) ?? [];
  }
  const keptSet = new Set(kept);
  const train = samplesOf(db, dataset.id, 'train');
  const cacheIndexOf = new Map(train.map((s) => [s.id, s.cacheIndex]));
  const classOf = new Map(train.map((s) => [s.id, s.classIndex]));
  const { sampleIds, scores } = loadScoreColumn(db, set.id, req.score);
  const rows: number[] = [];
  for (let r = 0; r < sampleIds.length; r++)
    if (classOf.get(sampleIds[r] as number) === req.classIndex) rows.push(r);

  const easyEnd = EASY_END[req.score];
  const ranked = rankEasyFirst(rows, scores, easyEnd, Array.from(sampleIds));
  const easyRank = new Map(ranked.map((row, rank) => [sampleIds[row] as number, rank]));
  const scoreOf = new Map(rows.map((r) => [sampleIds[r] as number, scores[r] as number]));
  const histogram = scoreHistogram(
    rows.map((r) => scores[r] as number),
    rows.map((r) => keptSet.has(sampleIds[r] as number)),
    req.bins,
  );

  const easiestIds = ranked.slice(0, req.grid).map((r) => sampleIds[r] as number);
  const hardestIds = ranked
    .slice(-req.grid)
    .reverse()
    .map((r) => sampleIds[r] as number);
  const keptPageIds = kept.slice(req.keptOffset, req.keptOffset + req.grid);
  const wanted = [...new Set([...easiestIds, ...hardestIds, ...keptPageIds])];
  const pixels = readPixelRows(
    join(paths.cacheDir, dataset.cacheFile),
    { height: dataset.height, width: dataset.width, channels: dataset.channels, count: dataset.sampleCount },
    wanted.map((id) => cacheIndexOf.get(id) as number),
  );
  const size = dataset.height * dataset.width * dataset.channels;
  const urls = new Map<number, string>();
  await Promise.all(
    wanted.map(async (id, i) => {
      const png = await encodePng(
        pixels.subarray(i * size, (i + 1) * size),
        dataset.width,
        dataset.height,
        dataset.channels,
        6,
      );
      urls.set(id, `data:image/png;base64,${png.toString('base64')}`);
    }),
  );
  const thumb = (id: number): ScoredThumbnail => ({
    sampleId: id,
    score: scoreOf.get(id) as number,
    easyRank: easyRank.get(id) as number,
    kept: keptSet.has(id),
    dataUrl: urls.get(id) as string,
  });
  return {
    scoreSetId: set.id,
    classIndex: req.classIndex,
    name: names[req.classIndex] as string,
    score: req.score,
    easyEnd,
    histogram: { edges: histogram.edges, counts: histogram.counts, keptCounts: histogram.keptCounts },
    selectionId: req.selectionId ?? null,
    available: rows.length,
    kept: kept.length,
    easiest: easiestIds.map(thumb),
    hardest: hardestIds.map(thumb),
    keptPage: keptPageIds.map(thumb),
    keptPageOffset: req.keptOffset,
  };
}
