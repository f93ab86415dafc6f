/**
 * From one class's crop losses to its stored images (pure): each candidate's lowest-loss crop,
 * the IPC·k² candidates whose best crops have the lowest loss, tiled k×k in loss-rank order
 * (mosaic j holds ranks j·k² … j·k² + k² − 1, as Combine's consecutive grouping).
 */
import type { PixelCrop } from '../../ml/augment/boxes';
import { groupTiles } from '../combine/grouping';
import { lowestLossCrops, rankByLoss, type CropSize } from './rded-crops';
import { placedBoxes, tileCrops, type ImageShape } from './rded-mosaic';
import type { ClassCandidates } from './rded-plan';

export interface ChosenCrop {
  sampleId: number;
  /** Position among the class's candidates (and in its pixel buffer). */
  candidate: number;
  top: number;
  left: number;
  loss: number;
}

export interface StoredMosaic {
  classIndex: number;
  /** Source sample ids in grid order. */
  tileSampleIds: number[];
  /** The box each tile copied from its source, [top, left, height, width], grid order. */
  boxes: [number, number, number, number][];
  /** The teacher's cross-entropy of each tile's scored crop, grid order. */
  losses: number[];
  pixels: Uint8Array;
}

export interface ClassBuild {
  classIndex: number;
  name: string;
  candidates: number;
  /** Chosen crops in loss-rank order (distinct source images). */
  chosen: ChosenCrop[];
  mosaics: StoredMosaic[];
  warnings: string[];
}

export interface BuildOptions {
  ipc: number;
  k: number;
  cropsPerImage: number;
  crop: CropSize;
  shape: ImageShape;
}

const asTuple = (b: PixelCrop): [number, number, number, number] => [b.top, b.left, b.height, b.width];

/**
 * `pixels` holds the class's candidates (H×W×C each, candidate order). A class with fewer than
 * IPC·k² candidates keeps them all in ⌈L/k²⌉ mosaics whose last cells repeat its best crops
 * from rank 0 on (a warning says so).
 */
export function buildClass(
  cls: ClassCandidates,
  losses: Float32Array,
  pixels: Uint8Array,
  o: BuildOptions,
): ClassBuild {
  const n = cls.candidates.length;
  const best = lowestLossCrops(losses, n, o.cropsPerImage);
  const wanted = o.ipc * o.k * o.k;
  const chosen: ChosenCrop[] = rankByLoss(best.loss, wanted).map((i) => {
    const crop = best.crop[i] as number;
    const at = (i * o.cropsPerImage + crop) * 2;
    return {
      sampleId: (cls.candidates[i] as { id: number }).id,
      candidate: i,
      top: cls.positions[at] as number,
      left: cls.positions[at + 1] as number,
      loss: best.loss[i] as number,
    };
  });
  const size = o.shape.height * o.shape.width * o.shape.channels;
  const groups = groupTiles(
    chosen.map((_, r) => r),
    o.k,
    'consecutive',
  );
  const mosaics = groups.map((ranks): StoredMosaic => {
    const tiles = ranks.map((r) => chosen[r] as ChosenCrop);
    const kept = tiles.map((t) => ({
      pixels: pixels.subarray(t.candidate * size, (t.candidate + 1) * size),
      top: t.top,
      left: t.left,
    }));
    return {
      classIndex: cls.classIndex,
      tileSampleIds: tiles.map((t) => t.sampleId),
      boxes: placedBoxes(kept, o.shape, o.k, o.crop).map(asTuple),
      losses: tiles.map((t) => t.loss),
      pixels: tileCrops(kept, o.shape, o.k, o.crop),
    };
  });
  const warnings =
    chosen.length < wanted
      ? [
          `${cls.name}: ${n} candidate image(s) for ${o.ipc} ${o.k}×${o.k} mosaic(s) of ${o.k * o.k} tiles; ${mosaics.length} stored${mosaics.length * o.k * o.k > n ? `, ${mosaics.length * o.k * o.k - n} tile(s) repeating the class's best crops` : ''}`,
        ]
      : [];
  return { classIndex: cls.classIndex, name: cls.name, candidates: n, chosen, mosaics, warnings };
}

/** Mean teacher loss of a class's tiled crops (repeats counted as tiled). */
export function meanTileLoss(build: ClassBuild): number {
  const all = build.mosaics.flatMap((m) => m.losses);
  return all.length ? all.reduce((s, v) => s + v, 0) / all.length : 0;
}
