/**
 * The compressed set of each (method, IPC) of a benchmark: a selection of whole images (pruning),
 * EL2N easy-first tiled k×k (PCA), or a distilled set (DM, RDED-style, made in a task thread).
 * One set per method and IPC serves every label mode and seed. Plus the storage accounting:
 * bytes of the stored images as exported (lossless PNG, the export's default).
 */
import type { DmResultDto } from '../../shared/api/dm-params';
import type { BenchDefinition } from '../../shared/api/bench-params';
import type { RdedResultDto } from '../../shared/api/rded-params';
import { ApiError } from '../../shared/rpc/errors';
import { combineSelection } from '../compress/combine/combine-service';
import { createSelection } from '../compress/selection-service';
import { readSetPixels } from '../compress/set-pixels';
import { encodePng } from '../images/encode-png';
import type { Db } from '../store/database';
import type { ProjectPaths } from '../store/project-store';
import { insertIdentitySet } from '../store/selections-repo';
import { epochsFor, SELECTION_OF, teacherSetting, type PlannedSet } from './bench-plan';
import type { BenchSetRow } from '../store/bench-repo';
import type { TaskPool } from './task-pool';

export interface SetContext {
  db: Db;
  paths: ProjectPaths;
  def: BenchDefinition;
  resolution: number;
  scoreSetId: number | null;
  pool: TaskPool;
  onProgress: (phase: string, done: number, total: number) => void;
}

/** Makes (or, for the distilled ones, reuses) the set and measures its stored bytes. */
export async function buildBenchSet(ctx: SetContext, planned: PlannedSet): Promise<BenchSetRow> {
  const { db, paths, def } = ctx;
  const { method, ipc } = planned;
  let setId: number;
  let sourceImages: number;
  if (method === 'dm') {
    const phase = `DM IPC ${ipc}`;
    const { result } = await ctx.pool.run<DmResultDto>({
      kind: 'dm',
      params: {
        datasetId: def.datasetId,
        ipc,
        iterations: def.dm.iterations,
        lr: def.dm.lr,
        realBatch: def.dm.realBatch,
        width: def.protocol.width,
        depth: def.protocol.depth,
        seed: def.seed,
      },
      onProgress: (p) => ctx.onProgress(phase, p.done, p.total),
    });
    setId = result.setId;
    sourceImages = result.images;
  } else if (method === 'rded') {
    const phase = `RDED IPC ${ipc}`;
    const { result } = await ctx.pool.run<RdedResultDto>({
      kind: 'rded',
      params: {
        datasetId: def.datasetId,
        ipc,
        k: def.rded.k,
        seed: def.seed,
        ...teacherSetting(def.protocol),
      },
      onProgress: (q) => ctx.onProgress(phase, q.done, q.total),
    });
    setId = result.setId;
    sourceImages = result.perClass.reduce((sum, c) => sum + c.sourceImages, 0);
  } else {
    const how = SELECTION_OF[method];
    if (!how) throw new ApiError('internal', `no selection rule for method ${method}`);
    const k = method === 'pca' ? def.pca.k : 1;
    const selection = createSelection(db, paths, {
      datasetId: def.datasetId,
      method: how.method,
      ...(how.rule ? { rule: how.rule } : {}),
      budget: { kind: 'ipc', ipc: ipc * k * k },
      seed: def.seed,
      ...(how.method !== 'random' && ctx.scoreSetId !== null ? { scoreSetId: ctx.scoreSetId } : {}),
    });
    sourceImages = selection.kept;
    setId =
      method === 'pca'
        ? (await combineSelection(db, paths, { selectionId: selection.id, k, grouping: def.pca.grouping })).id
        : insertIdentitySet(db, selection.id, ctx.resolution);
  }
  const pixels = readSetPixels(db, paths, setId);
  return {
    method,
    ipc,
    setId,
    images: pixels.count,
    sourceImages,
    pngBytes: await pngBytesOf(pixels.images, pixels.shape, pixels.count),
    epochs: epochsFor(def.protocol, pixels.count),
  };
}

/** Σ of the lossless PNG sizes of `count` images (H×W×C each), 8 encodes in flight. */
export async function pngBytesOf(
  images: Uint8Array,
  shape: [number, number, number],
  count: number,
): Promise<number> {
  const [h, w, c] = shape;
  const size = h * w * c;
  let total = 0;
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      // Not `total += await …`: that reads `total` before the await and loses the other lanes' sums.
      const bytes = (await encodePng(images.subarray(i * size, (i + 1) * size), w, h, c)).length;
      total += bytes;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, count) }, lane));
  return total;
}
