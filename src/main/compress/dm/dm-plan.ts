/**
 * What a DM request means before any tensor work, and its identity: checked parameters and
 * dataset, each class's seeded starting images, and the key that makes the same request reuse
 * its set or resume its checkpoint. Free of TensorFlow.js, so the API process can refuse a bad
 * request before a job process starts.
 */
import { createHash } from 'node:crypto';
import { dmParamsSchema, type DmParams } from '../../../shared/api/dm-params';
import type { CompressedSetDto } from '../../../shared/api/dto';
import { shuffleInPlace } from '../../../shared/random';
import { ApiError } from '../../../shared/rpc/errors';
import { parseOrRefuse } from '../../../shared/rpc/server';
import { listCompressedSets } from '../../store/compressed-sets-repo';
import type { Db } from '../../store/database';
import { classNames, getReadyDataset, samplesOf, type SampleRef } from '../../store/datasets-repo';
import { classRng, samplesByClass } from '../per-class';

export const DM_KIND = 'dm';

export function parseDmParams(raw: unknown): DmParams {
  return parseOrRefuse(dmParamsSchema, raw, 'DM parameters');
}

export interface DmDataset {
  dataset: ReturnType<typeof getReadyDataset>;
  names: string[];
  /** The training split in cache order. */
  samples: SampleRef[];
}

/**
 * Refuses what cannot make a DM set: an unknown or unfinished dataset, no training images, one
 * class, images too small for the embedder's pools.
 */
export function checkDmRequest(db: Db, params: DmParams): DmDataset {
  const dataset = getReadyDataset(db, params.datasetId);
  const names = classNames(db, dataset.id);
  const samples = samplesOf(db, dataset.id, 'train');
  if (samples.length === 0)
    throw new ApiError('bad_request', `dataset ${dataset.id} has no training images to distil`);
  if (new Set(samples.map((s) => s.classIndex)).size < 2)
    throw new ApiError(
      'bad_request',
      `dataset ${dataset.id} has training images of one class only: DM needs at least two classes`,
    );
  const side = 2 ** params.depth;
  if (dataset.height < side || dataset.width < side)
    throw new ApiError(
      'bad_request',
      `a ${dataset.width}×${dataset.height} image is too small for an embedder of depth ${params.depth} (each block halves it; at least ${side}×${side})`,
    );
  return { dataset, names, samples };
}

/** The same dataset, training samples and parameters give the same key (and so the same set). */
export function dmKey(
  datasetId: number,
  sourceSha256: string,
  samples: readonly SampleRef[],
  params: DmParams,
): string {
  const { datasetId: _id, ...rest } = params;
  const hash = createHash('sha256').update(JSON.stringify({ kind: DM_KIND, datasetId, sourceSha256, rest }));
  for (const s of samples) hash.update(`${s.id}:${s.cacheIndex}:${s.classIndex};`);
  return hash.digest('hex');
}

/** A stored DM set made with this key, if any (its key is in its params). */
export function findDmSet(db: Db, key: string): CompressedSetDto | undefined {
  return listCompressedSets(db).find((s) => s.kind === DM_KIND && s.params['key'] === key);
}

export interface DmClassPlan {
  classIndex: number;
  name: string;
  /** Every training sample of the class, in cache order (the real images). */
  samples: SampleRef[];
  /** The samples the synthetic images start from (IPC of them, or all the class has). */
  initial: SampleRef[];
}

/** Salts DM's per-class generators, so a class's starting images do not depend on the others. */
const DM_CLASS_SALT = 0xd3;

/**
 * Per class with training images (class order): its samples, and the first IPC of a seeded
 * shuffle of them (sorted by id first, so the choice does not depend on cache order).
 */
export function planClasses(req: DmDataset, params: DmParams): DmClassPlan[] {
  return samplesByClass(req.samples).map(([classIndex, samples]) => {
    const shuffled = shuffleInPlace(
      [...samples].sort((a, b) => a.id - b.id),
      classRng(DM_CLASS_SALT, params.seed, classIndex),
    );
    return {
      classIndex,
      name: req.names[classIndex] ?? `class ${classIndex}`,
      samples,
      initial: shuffled.slice(0, params.ipc),
    };
  });
}

/** Warnings for classes that cannot have IPC images (too few training images, or none). */
export function planWarnings(req: DmDataset, classes: readonly DmClassPlan[], ipc: number): string[] {
  return req.names.flatMap((name, c) => {
    const cls = classes.find((p) => p.classIndex === c);
    if (!cls) return [`${name}: no training images; the set has none of it`];
    return cls.initial.length < ipc
      ? [
          `${name}: ${cls.initial.length} training image(s) for IPC ${ipc}; the set keeps ${cls.initial.length} synthetic image(s) of it`,
        ]
      : [];
  });
}
