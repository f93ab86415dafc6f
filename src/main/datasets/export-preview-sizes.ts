import { createRng, shuffleInPlace } from '../../shared/random';
import { encodeExportImage, type ImageShape } from './export-contents';
import type { ExportImage } from './export-folder';

/**
 * The bytes of each image file an export would write: every image encoded when the set is
 * small enough for that to be quick, otherwise a seeded sample spread over the classes encoded
 * and each class's mean file size used for its other images (PNG and JPEG sizes depend mostly on
 * what the images show, which the class tells best).
 */

/** Sets of at most this many stored images are encoded whole (exact); larger ones are sampled. */
export const PREVIEW_EXACT_UP_TO = 2000;
/** Images encoded from a larger set. */
export const PREVIEW_SAMPLE_SIZE = 200;
const ENCODE_CONCURRENCY = 4;

export interface SizeTuning {
  /** Encode every image of sets up to this many images (default PREVIEW_EXACT_UP_TO). */
  exactUpTo?: number;
  /** Images to encode above that (default PREVIEW_SAMPLE_SIZE). */
  sampleSize?: number;
  /** The sample's seed, so the same settings give the same preview. */
  seed?: number;
}

export interface ImageFileSizes {
  /** By stored position: the encoded size, or the estimate for an image not encoded. */
  bytes: number[];
  encoded: number;
  exact: boolean;
}

export async function imageFileSizes(
  format: 'png' | 'jpeg',
  contents: ImageShape & { images: readonly ExportImage[] },
  quality: number,
  tuning: SizeTuning = {},
): Promise<ImageFileSizes> {
  const { images } = contents;
  const exact = images.length <= (tuning.exactUpTo ?? PREVIEW_EXACT_UP_TO);
  const positions = exact
    ? images.map((_, i) => i)
    : samplePositions(images, tuning.sampleSize ?? PREVIEW_SAMPLE_SIZE, tuning.seed ?? 1);
  const measured = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < positions.length) {
      const position = positions[next++] as number;
      const image = images[position] as ExportImage;
      const encoded = await encodeExportImage(format, contents, image.pixels, quality);
      measured.set(position, encoded.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(ENCODE_CONCURRENCY, Math.max(1, positions.length)) }, worker),
  );
  if (exact) return { bytes: images.map((_, i) => measured.get(i) as number), encoded: measured.size, exact };

  const sums = new Map<number, { bytes: number; count: number }>();
  for (const [position, bytes] of measured) {
    const classIndex = (images[position] as ExportImage).classIndex;
    const sum = sums.get(classIndex) ?? { bytes: 0, count: 0 };
    sums.set(classIndex, { bytes: sum.bytes + bytes, count: sum.count + 1 });
  }
  const all = [...measured.values()];
  const overall = all.reduce((a, b) => a + b, 0) / Math.max(1, all.length);
  const meanOf = (classIndex: number) => {
    const sum = sums.get(classIndex);
    return Math.round(sum ? sum.bytes / sum.count : overall);
  };
  return {
    bytes: images.map((image, i) => measured.get(i) ?? meanOf(image.classIndex)),
    encoded: measured.size,
    // A sample as large as the set measured every image.
    exact: measured.size === images.length,
  };
}

/**
 * About `size` positions, each class's share in proportion to its images and at least one per
 * class that has any, so every class's mean is measured; within a class a seeded shuffle picks.
 */
export function samplePositions(
  images: readonly Pick<ExportImage, 'classIndex'>[],
  size: number,
  seed: number,
): number[] {
  const byClass = new Map<number, number[]>();
  images.forEach((image, position) => {
    const list = byClass.get(image.classIndex) ?? [];
    list.push(position);
    byClass.set(image.classIndex, list);
  });
  const rng = createRng(seed);
  const picked: number[] = [];
  for (const classIndex of [...byClass.keys()].sort((a, b) => a - b)) {
    const positions = byClass.get(classIndex) as number[];
    const share = Math.max(1, Math.round((size * positions.length) / Math.max(1, images.length)));
    picked.push(...shuffleInPlace([...positions], rng).slice(0, share));
  }
  return picked.sort((a, b) => a - b);
}
