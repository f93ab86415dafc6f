/**
 * What a scoring request must satisfy, and its identity. Free of TensorFlow.js so the API can
 * refuse a bad request in the main process before a job process starts.
 */
import { createHash } from 'node:crypto';
import { scoreParamsSchema, type ScoreParams } from '../../../shared/api/score-params';
import { ApiError } from '../../../shared/rpc/errors';
import { parseOrRefuse } from '../../../shared/rpc/server';
import type { SampleRef } from '../../store/datasets-repo';

export function parseScoreParams(params: unknown): ScoreParams {
  return parseOrRefuse(scoreParamsSchema, params, 'scoring parameters');
}

/** Refuses what cannot give meaningful scores; returns the training samples in row order. */
export function checkScorable(
  samples: readonly SampleRef[],
  names: readonly string[],
  datasetId: number,
): void {
  if (samples.length === 0)
    throw new ApiError('bad_request', `dataset ${datasetId} has no training images to score`);
  const present = new Set(samples.map((s) => s.classIndex));
  if (present.size < 2) {
    const only = names[[...present][0] ?? 0] ?? 'one class';
    throw new ApiError(
      'bad_request',
      `dataset ${datasetId} has training images of one class only ("${only}"): a classifier proxy needs at least two classes to score anything`,
    );
  }
}

/** The same dataset, training samples and parameters give the same key (and so resume or reuse). */
export function scoreKey(
  datasetId: number,
  sourceSha256: string,
  samples: readonly SampleRef[],
  params: ScoreParams,
): string {
  const { datasetId: _id, ...rest } = params;
  const hash = createHash('sha256').update(JSON.stringify({ datasetId, sourceSha256, rest }));
  for (const s of samples) hash.update(`${s.id}:${s.cacheIndex}:${s.classIndex};`);
  return hash.digest('hex');
}
