import type { ScoreSetDto } from '../../shared/api/dto';
import type { ScoreMethodName } from '../../shared/api/selection-params';
import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso } from './database';

/** Per training image (row), in the score set's row order. */
export interface SampleScores {
  sampleIds: readonly number[];
  el2n: Float64Array;
  forgetting: Float64Array;
  aum: Float64Array;
  entropy: Float64Array;
  margin: Float64Array;
}

export type NewScoreSet = Omit<ScoreSetDto, 'id' | 'createdAt'> & {
  key: string;
  dir: string;
  params: Record<string, unknown>;
};

/** Inserts a finished score set and every image's scores in one transaction: all or nothing. */
export function insertScoreSet(db: Db, s: NewScoreSet, scores: SampleScores): number {
  const n = scores.sampleIds.length;
  for (const name of ['el2n', 'forgetting', 'aum', 'entropy', 'margin'] as const) {
    if (scores[name].length !== n)
      throw new Error(`${name} holds ${scores[name].length} scores for ${n} samples`);
  }
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO score_sets (dataset_id, job_id, score_key, dir, model, params, epochs, seeds, backend,
           train_seconds, seconds, images_per_second, samples, classes, feature_dims, feature_explained,
           final_train_accuracy, file_bytes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.datasetId,
        s.jobId,
        s.key,
        s.dir,
        s.model,
        JSON.stringify(s.params),
        s.epochs,
        JSON.stringify(s.seeds),
        s.backend,
        s.trainSeconds,
        s.seconds,
        s.imagesPerSecond,
        s.samples,
        s.classes,
        s.featureDims,
        s.featureExplained,
        s.finalTrainAccuracy,
        s.fileBytes,
        nowIso(),
      );
    const id = Number(info.lastInsertRowid);
    const add = db.prepare(
      `INSERT INTO sample_scores (score_set_id, row_index, sample_id, el2n, forgetting, aum, entropy, margin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let r = 0; r < n; r++) {
      add.run(
        id,
        r,
        scores.sampleIds[r],
        scores.el2n[r],
        scores.forgetting[r],
        scores.aum[r],
        scores.entropy[r],
        scores.margin[r],
      );
    }
    return id;
  })();
}

interface ScoreSetRow {
  id: number;
  datasetId: number;
  jobId: number | null;
  key: string;
  dir: string;
  model: string;
  params: string;
  epochs: number;
  seeds: string;
  backend: string;
  trainSeconds: number;
  seconds: number;
  imagesPerSecond: number;
  samples: number;
  classes: number;
  featureDims: number;
  featureExplained: number;
  finalTrainAccuracy: number;
  fileBytes: number;
  createdAt: string;
}

const SELECT_SET = `SELECT id, dataset_id AS datasetId, job_id AS jobId, score_key AS key, dir, model, params,
  epochs, seeds, backend, train_seconds AS trainSeconds, seconds, images_per_second AS imagesPerSecond,
  samples, classes, feature_dims AS featureDims, feature_explained AS featureExplained,
  final_train_accuracy AS finalTrainAccuracy, file_bytes AS fileBytes, created_at AS createdAt
  FROM score_sets`;

export interface StoredScoreSet extends ScoreSetDto {
  key: string;
  dir: string;
  params: Record<string, unknown>;
}

function toStored(row: ScoreSetRow): StoredScoreSet {
  const params = JSON.parse(row.params) as Record<string, unknown>;
  const num = (name: string, fallback: number) =>
    typeof params[name] === 'number' ? params[name] : fallback;
  return {
    ...row,
    params,
    seeds: JSON.parse(row.seeds) as number[],
    width: num('width', 0),
    depth: num('depth', 0),
    norm: typeof params['norm'] === 'string' ? params['norm'] : 'instance',
    batchSize: num('batchSize', 0),
    lr: num('lr', 0),
  };
}

export function findScoreSetByKey(db: Db, key: string): StoredScoreSet | null {
  const row = db.prepare(`${SELECT_SET} WHERE score_key = ?`).get(key) as ScoreSetRow | undefined;
  return row ? toStored(row) : null;
}

export function getScoreSet(db: Db, id: number): StoredScoreSet {
  const row = db.prepare(`${SELECT_SET} WHERE id = ?`).get(id) as ScoreSetRow | undefined;
  if (!row) throw new ApiError('not_found', `score set ${id} does not exist in this project`);
  return toStored(row);
}

export function listScoreSets(db: Db, datasetId?: number): StoredScoreSet[] {
  const rows = (
    datasetId === undefined
      ? db.prepare(`${SELECT_SET} ORDER BY id DESC`).all()
      : db.prepare(`${SELECT_SET} WHERE dataset_id = ? ORDER BY id DESC`).all(datasetId)
  ) as ScoreSetRow[];
  return rows.map(toStored);
}

/** Public view: without the folder and key, which only the Node side uses. */
export function scoreSetDto(s: StoredScoreSet): ScoreSetDto {
  const { key: _key, dir: _dir, params: _params, ...dto } = s;
  return dto;
}

/** One score of every row, in row order, with the row → sample id map. */
export function loadScoreColumn(
  db: Db,
  scoreSetId: number,
  score: ScoreMethodName,
): { sampleIds: Int32Array; scores: Float64Array } {
  // `score` is one of five fixed column names (typed), never user text.
  const rows = db
    .prepare(
      `SELECT sample_id AS s, ${score} AS v FROM sample_scores WHERE score_set_id = ? ORDER BY row_index`,
    )
    .raw()
    .all(scoreSetId) as [number, number][];
  const sampleIds = new Int32Array(rows.length);
  const scores = new Float64Array(rows.length);
  rows.forEach(([s, v], i) => {
    sampleIds[i] = s;
    scores[i] = v;
  });
  return { sampleIds, scores };
}
