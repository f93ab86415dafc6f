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
 * Seconds per training image of ConvNet-3 at 28×28 on the reference machine (2 CPU cores, wasm,
 * batch 128): a fixed per-image cost (batch assembly, normalisation, optimiser, messaging) plus a
 * convolution cost growing with width. Fitted to `npm run bench:train` (width 32: 1650 img/s,
 * width 128: 181 img/s) and a width-8 scoring run (about 2100 img/s): the fixed part dominates
 * narrow models, so scaling a single rate by width alone overestimated width 8 sevenfold.
 */
const OVERHEAD_SECONDS = 470e-6;
const WIDTH_SECONDS = 0.0166e-6;
const WIDTH_EXPONENT = 2.6;
const REFERENCE_PIXELS = 28 * 28;

function secondsPerImage(width: number, pixels: number): number {
  return (OVERHEAD_SECONDS + WIDTH_SECONDS * width ** WIDTH_EXPONENT) * (pixels / REFERENCE_PIXELS);
}

export function referenceRate(width: number, height: number, imageWidth: number): number {
  return 1 / secondsPerImage(width, height * imageWidth);
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
