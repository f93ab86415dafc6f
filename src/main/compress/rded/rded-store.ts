/**
 * Storing an RDED set: a selection row (method 'rded', rule 'none', each class's chosen source
 * images in tile order) and a compressed set (kind 'rded') with its own pixel file, in one
 * transaction through `storeSyntheticSet`, so neither exists without the other. The set's params
 * satisfy the mosaic params schema (k, grouping, resolution, resampling), which is how training
 * and export read its size.
 */
import type { RdedParams, RdedResultDto } from '../../../shared/api/rded-params';
import { cellSpan } from '../../ml/augment/boxes';
import type { Db } from '../../store/database';
import type { ProjectPaths } from '../../store/project-store';
import { storedSummary, storeSyntheticSet } from '../synthetic-set-store';
import { meanTileLoss, type ClassBuild } from './rded-build';
import type { CropSize } from './rded-crops';
import type { ImageShape } from './rded-mosaic';
import { RDED_KIND } from './rded-plan';

export interface TeacherInfo {
  /** The teacher's folder under models/ (`teacher-<key prefix>`), shared with soft-label training. */
  key: string;
  reused: boolean;
  seconds: number;
  setting: Record<string, unknown>;
}

/** What a later identical request returns without recomputing (kept in the set's params). */
export interface RdedSummary {
  perClass: RdedResultDto['perClass'];
  crop: CropSize;
  teacher: TeacherInfo;
  warnings: string[];
}

export interface RdedStoreInput {
  datasetId: number;
  key: string;
  params: RdedParams;
  shape: ImageShape;
  crop: CropSize;
  builds: ClassBuild[];
  teacher: TeacherInfo;
  warnings: string[];
}

const bounds = (size: number, k: number) => [
  0,
  ...Array.from({ length: k }, (_, j) => cellSpan(j, k, size)[1]),
];
const round = (v: number) => Math.round(v * 1e5) / 1e5;

export function storeRdedSet(
  db: Db,
  paths: ProjectPaths,
  s: RdedStoreInput,
): { setId: number; selectionId: number } {
  const { params: p, shape, crop } = s;
  const mosaics = s.builds.flatMap((b) => b.mosaics);
  const summary: RdedSummary = {
    perClass: s.builds.map((b) => ({
      index: b.classIndex,
      name: b.name,
      storedImages: b.mosaics.length,
      sourceImages: b.chosen.length,
      candidates: b.candidates,
      meanLoss: round(meanTileLoss(b)),
    })),
    crop,
    teacher: s.teacher,
    warnings: s.warnings,
  };
  const teacherModel = `${p.model}-w${p.width}-d${p.depth} teacher`;
  return storeSyntheticSet(db, paths, {
    kind: RDED_KIND,
    selection: {
      datasetId: s.datasetId,
      ipc: p.ipc,
      seed: p.seed,
      params: {
        ...p,
        classBalanced: true,
        key: s.key,
        teacherKey: s.teacher.key,
        // What the export manifest reports as the score model: the teacher that ranked the crops.
        scoreModel: teacherModel,
        scoreEpochs: p.teacherEpochs,
      },
      warnings: s.warnings,
      perClass: new Map(s.builds.map((b) => [b.classIndex, b.chosen.map((c) => c.sampleId)])),
    },
    set: {
      grid: p.k,
      resolution: shape.height,
      params: {
        key: s.key,
        k: p.k,
        grouping: 'consecutive',
        resolution: { height: shape.height, width: shape.width },
        // Crops are cut at the cell's size and copied: no resampling kernel touches them.
        resampling: { kernel: 'none', fit: 'fill' },
        cells: { rows: bounds(shape.height, p.k), cols: bounds(shape.width, p.k), order: 'row-major' },
        crop: { ...crop, scoredAt: { height: shape.height, width: shape.width }, resize: 'bilinear' },
        ipc: p.ipc,
        cropsPerImage: p.cropsPerImage,
        candidatesPerClass: p.candidatesPerClass,
        seed: p.seed,
        loss: 'teacher cross-entropy on the true class (T = 1)',
        boxFormat: ['top', 'left', 'height', 'width'],
        /** Per stored image (position order), per tile (grid order): the source box it copies. */
        boxes: mosaics.map((m) => m.boxes),
        losses: mosaics.map((m) => m.losses.map(round)),
        summary,
      },
      images: mosaics.map((m) => ({ classIndex: m.classIndex, tileSampleIds: m.tileSampleIds })),
    },
    pixels: mosaics.map((m) => m.pixels),
  });
}

/** The job's result from a stored set's params (a fresh set, or one an identical request made). */
export function rdedResult(
  set: { id: number; selectionId: number; params: Record<string, unknown> },
  o: { datasetId: number; params: RdedParams; shape: ImageShape; reusedSet: boolean; seconds: number },
): RdedResultDto {
  const summary = storedSummary<RdedSummary>(set, 'an RDED set');
  const storedImages = summary.perClass.reduce((sum, c) => sum + c.storedImages, 0);
  const { height, width, channels } = o.shape;
  return {
    setId: set.id,
    selectionId: set.selectionId,
    datasetId: o.datasetId,
    ipc: o.params.ipc,
    k: o.params.k,
    crop: summary.crop,
    height,
    width,
    channels,
    storedImages,
    bytes: storedImages * height * width * channels,
    perClass: summary.perClass,
    teacher: o.reusedSet
      ? { reused: true, key: summary.teacher.key, seconds: 0 }
      : { reused: summary.teacher.reused, key: summary.teacher.key, seconds: summary.teacher.seconds },
    reusedSet: o.reusedSet,
    warnings: summary.warnings,
    seconds: o.seconds,
  };
}
