/**
 * Storing a DM set: a selection row (method 'dm', rule 'none', each class's starting real images
 * in class order) and a compressed set (kind 'dm', grid 1) with its own pixel file, in one
 * transaction through `storeSyntheticSet`, as RDED stores its set. The set's params satisfy
 * the mosaic params schema (k 1, the dataset's resolution, no resampling), which is how training
 * (set-pixels.ts) and export read its size.
 */
import type { DmParams, DmResultDto } from '../../../shared/api/dm-params';
import type { BackendInfo } from '../../../shared/api/dto';
import type { InputNorm } from '../../ml/models/classifier';
import type { Db } from '../../store/database';
import type { ProjectPaths } from '../../store/project-store';
import { storedSummary, storeSyntheticSet } from '../synthetic-set-store';
import { DM_KIND, type DmClassPlan } from './dm-plan';

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** What a later identical request returns without recomputing (kept in the set's params). */
export interface DmSummary {
  finalLoss: number;
  losses: number[];
  warnings: string[];
  backend: BackendInfo['name'];
  perClass: { index: number; name: string; images: number; realImages: number }[];
}

export interface DmStoreInput {
  datasetId: number;
  key: string;
  params: DmParams;
  shape: ImageShape;
  classes: readonly DmClassPlan[];
  norm: InputNorm;
  /** The synthetic images, uint8 N×H×W×C, classes in order (each class's `initial.length`). */
  pixels: Uint8Array;
  summary: DmSummary;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function storeDmSet(
  db: Db,
  paths: ProjectPaths,
  s: DmStoreInput,
): { setId: number; selectionId: number } {
  const { params: p, shape } = s;
  const size = shape.height * shape.width * shape.channels;
  const images = s.classes.flatMap((c) =>
    c.initial.map((sample) => ({ classIndex: c.classIndex, tileSampleIds: [sample.id] })),
  );
  if (s.pixels.length !== images.length * size)
    throw new Error(`DM pixels hold ${s.pixels.length} bytes for ${images.length} images of ${size}`);
  const pixels = images.map((_, i) => s.pixels.subarray(i * size, (i + 1) * size));
  const embedder = `convnet-w${p.width}-d${p.depth} (instance norm), random per iteration`;
  return storeSyntheticSet(db, paths, {
    kind: DM_KIND,
    selection: {
      datasetId: s.datasetId,
      ipc: p.ipc,
      seed: p.seed,
      params: { ...p, classBalanced: true, key: s.key, initialisedFrom: 'random real images of the class' },
      warnings: s.summary.warnings,
      perClass: new Map(s.classes.map((c) => [c.classIndex, c.initial.map((x) => x.id)])),
    },
    set: {
      grid: 1,
      resolution: shape.height,
      params: {
        key: s.key,
        k: 1,
        grouping: 'consecutive',
        resolution: { height: shape.height, width: shape.width },
        // Whole synthetic images at the dataset's size: nothing is resampled.
        resampling: { kernel: 'none', fit: 'fill' },
        cells: { rows: [0, shape.height], cols: [0, shape.width], order: 'row-major' },
        ipc: p.ipc,
        iterations: p.iterations,
        lr: p.lr,
        momentum: p.momentum,
        realBatch: p.realBatch,
        width: p.width,
        depth: p.depth,
        seed: p.seed,
        checkpointEvery: p.checkpointEvery,
        embedder,
        loss: 'Σ over classes of ‖mean(embed(real batch)) − mean(embed(synthetic))‖²',
        optimizer: `SGD on normalised pixels, lr ${p.lr}, momentum ${p.momentum}`,
        augmentation: 'none (no DSA)',
        inputNorm: { mean: s.norm.mean.map(round), std: s.norm.std.map(round) },
        /** Each stored image's tile is the real image it was initialised from. */
        initialisedFrom: 'random real images of the class',
        summary: s.summary,
      },
      images,
    },
    pixels,
  });
}

/** The job's result from a stored set's params (a fresh set, or one an identical request made). */
export function dmResult(
  set: { id: number; selectionId: number; params: Record<string, unknown> },
  o: {
    datasetId: number;
    params: DmParams;
    shape: ImageShape;
    reused: boolean;
    resumedAfterIteration: number | null;
    seconds: number;
  },
): DmResultDto {
  const summary = storedSummary<DmSummary>(set, 'a DM set');
  const images = summary.perClass.reduce((sum, c) => sum + c.images, 0);
  const { height, width, channels } = o.shape;
  return {
    setId: set.id,
    selectionId: set.selectionId,
    datasetId: o.datasetId,
    ipc: o.params.ipc,
    images,
    height,
    width,
    channels,
    bytes: images * height * width * channels,
    iterations: o.params.iterations,
    finalLoss: summary.finalLoss,
    losses: summary.losses,
    reused: o.reused,
    resumedAfterIteration: o.resumedAfterIteration,
    warnings: summary.warnings,
    seconds: o.seconds,
    backend: summary.backend,
  };
}
