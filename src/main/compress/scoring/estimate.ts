/**
 * How long a scoring job will take, shown before the user starts it. The rate comes from this
 * project's own earlier score sets of the same proxy and image size when there are any, and
 * otherwise from the reference measurement scaled by model width and image area.
 */
import type { ScoreEstimateDto } from '../../../shared/api/dto';
import type { ScoreParams } from '../../../shared/api/score-params';
import type { Db } from '../../store/database';
import { getReadyDataset, samplesOf } from '../../store/datasets-repo';
import { listScoreSets } from '../../store/score-sets-repo';

/**
 * `npm run bench:train`, ConvNet-3 width 32 on 28×28×1, batch 128, wasm on 2 threads, this
 * project's 2-core reference machine. Width 128 ran at 181 img/s: cost grows about as width^1.6.
 */
const REFERENCE = { imagesPerSecond: 1650, width: 32, pixels: 28 * 28 };
const WIDTH_EXPONENT = 1.6;

export function referenceRate(width: number, height: number, imageWidth: number): number {
  return (
    REFERENCE.imagesPerSecond *
    (REFERENCE.width / width) ** WIDTH_EXPONENT *
    (REFERENCE.pixels / (height * imageWidth))
  );
}

export function estimateScoring(db: Db, params: ScoreParams): ScoreEstimateDto {
  const dataset = getReadyDataset(db, params.datasetId);
  const trainImages = samplesOf(db, dataset.id, 'train').length;
  const imagePasses = trainImages * params.epochs * params.seeds;
  const pixels = dataset.height * dataset.width;
  const measured = listScoreSets(db).find((s) => {
    if (s.width !== params.width || s.depth !== params.depth || s.imagesPerSecond <= 0) return false;
    const other = getReadyDataset(db, s.datasetId);
    return other.height * other.width === pixels && other.channels === dataset.channels;
  });
  const imagesPerSecond =
    measured?.imagesPerSecond ?? referenceRate(params.width, dataset.height, dataset.width);
  const basis = measured
    ? `measured by score set ${measured.id} of this project (same proxy and image size, ${measured.backend})`
    : `reference machine (2 CPU cores, wasm), scaled to width ${params.width} and ${dataset.height}×${dataset.width} images; a GPU is much faster`;
  // Plus one eval-mode pass per run and the features pass, at about twice the training rate.
  const passes = (trainImages * (params.seeds + 1)) / (2 * imagesPerSecond);
  return {
    trainImages,
    imagePasses,
    imagesPerSecond,
    seconds: imagePasses / imagesPerSecond + passes,
    basis,
  };
}
