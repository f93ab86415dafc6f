/**
 * What an RDED request means before any tensor work, and its identity: checked parameters and
 * dataset, each class's candidate images and crop positions (seeded), and the key that makes
 * the same request reuse its set. Free of TensorFlow.js, so the API process can refuse a bad
 * request before a job process starts.
 */
import { createHash } from 'node:crypto';
import { rdedParamsSchema, type RdedParams } from '../../../shared/api/rded-params';
import type { CompressedSetDto } from '../../../shared/api/dto';
import { shuffleInPlace } from '../../../shared/random';
import { ApiError } from '../../../shared/rpc/errors';
import { parseOrRefuse } from '../../../shared/rpc/server';
import { listCompressedSets } from '../../store/compressed-sets-repo';
import type { Db } from '../../store/database';
import { classNames, getReadyDataset, samplesOf, type SampleRef } from '../../store/datasets-repo';
import { classRng, samplesByClass } from '../per-class';
import { cropSizeFor, sampleCropPositions, type CropSize } from './rded-crops';

export const RDED_KIND = 'rded';

export function parseRdedParams(raw: unknown): RdedParams {
  return parseOrRefuse(rdedParamsSchema, raw, 'RDED parameters');
}

export interface RdedDataset {
  dataset: ReturnType<typeof getReadyDataset>;
  names: string[];
  /** The training split in cache order. */
  samples: SampleRef[];
  crop: CropSize;
}

/** Refuses what cannot make an RDED set (unknown dataset, one class, images smaller than the grid). */
export function checkRdedRequest(db: Db, params: RdedParams): RdedDataset {
  const dataset = getReadyDataset(db, params.datasetId);
  const names = classNames(db, dataset.id);
  const samples = samplesOf(db, dataset.id, 'train');
  if (samples.length === 0)
    throw new ApiError('bad_request', `dataset ${dataset.id} has no training images to distil`);
  if (new Set(samples.map((s) => s.classIndex)).size < 2)
    throw new ApiError(
      'bad_request',
      `dataset ${dataset.id} has training images of one class only: the teacher needs at least two classes`,
    );
  if (dataset.height < params.k || dataset.width < params.k)
    throw new ApiError(
      'bad_request',
      `a ${dataset.width}×${dataset.height} image has no room for a ${params.k}×${params.k} grid`,
    );
  return { dataset, names, samples, crop: cropSizeFor(dataset.height, dataset.width, params.k) };
}

/** The same dataset, training samples and parameters give the same key (and so the same set). */
export function rdedKey(
  datasetId: number,
  sourceSha256: string,
  samples: readonly SampleRef[],
  params: RdedParams,
): string {
  const { datasetId: _id, ...rest } = params;
  const hash = createHash('sha256').update(
    JSON.stringify({ kind: RDED_KIND, datasetId, sourceSha256, rest }),
  );
  for (const s of samples) hash.update(`${s.id}:${s.cacheIndex}:${s.classIndex};`);
  return hash.digest('hex');
}

/** A stored RDED set made with this key, if any (its key is in its params). */
export function findRdedSet(db: Db, key: string): CompressedSetDto | undefined {
  return listCompressedSets(db).find((s) => s.kind === RDED_KIND && s.params['key'] === key);
}

export interface ClassCandidates {
  classIndex: number;
  name: string;
  /** Candidate samples in shuffle order. */
  candidates: SampleRef[];
  /** cropsPerImage [top, left] pairs per candidate, candidate-major. */
  positions: Int32Array;
}

/** Salts RDED's per-class generators, so a class's candidates and crops do not depend on the others. */
const RDED_CLASS_SALT = 0x4ded;

/**
 * Per class with training images: its samples sorted by id, shuffled, the first
 * candidatesPerClass kept (all with 'all'); then every candidate's crop positions.
 */
export function planCandidates(req: RdedDataset, params: RdedParams): ClassCandidates[] {
  const { height, width } = req.dataset;
  return samplesByClass(req.samples).map(([classIndex, list]) => {
    const rng = classRng(RDED_CLASS_SALT, params.seed, classIndex);
    const shuffled = shuffleInPlace(
      [...list].sort((a, b) => a.id - b.id),
      rng,
    );
    const cap = params.candidatesPerClass === 'all' ? shuffled.length : params.candidatesPerClass;
    const candidates = shuffled.slice(0, cap);
    const positions = sampleCropPositions(
      rng,
      candidates.length * params.cropsPerImage,
      height,
      width,
      req.crop,
    );
    return { classIndex, name: req.names[classIndex] ?? `class ${classIndex}`, candidates, positions };
  });
}
