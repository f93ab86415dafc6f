/**
 * Tiling kept crops into one stored image: tile t (grid order) goes to cell (⌊t/k⌋, t mod k) of
 * an H×W mosaic with the cells of `cellSpan`, copied pixel for pixel from its source image (no
 * resampling: the crop is the cell's size). Pure; uint8 H×W×C in and out.
 */
import { cellSpan, type PixelCrop } from '../../ml/augment/boxes';
import { placeInCell, type CropSize } from './rded-crops';

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

export interface KeptCrop {
  /** The source image, H×W×C. */
  pixels: Uint8Array;
  /** Top-left of the scored crop in the source image. */
  top: number;
  left: number;
}

/** The box each tile copies (its crop's part that fits its cell), in grid order. */
export function placedBoxes(
  crops: readonly KeptCrop[],
  shape: ImageShape,
  k: number,
  crop: CropSize,
): PixelCrop[] {
  if (crops.length !== k * k)
    throw new RangeError(`a ${k}×${k} mosaic needs ${k * k} crops, got ${crops.length}`);
  return crops.map((c, t) => {
    const [a, b] = cellSpan(Math.floor(t / k), k, shape.height);
    const [l, r] = cellSpan(t % k, k, shape.width);
    return placeInCell(c.top, c.left, crop, b - a, r - l);
  });
}

export function tileCrops(
  crops: readonly KeptCrop[],
  shape: ImageShape,
  k: number,
  crop: CropSize,
): Uint8Array {
  const { height, width, channels } = shape;
  const boxes = placedBoxes(crops, shape, k, crop);
  const out = new Uint8Array(height * width * channels);
  crops.forEach((c, t) => {
    if (c.pixels.length !== height * width * channels)
      throw new RangeError(`source ${t} has ${c.pixels.length} bytes, expected ${height * width * channels}`);
    const box = boxes[t] as PixelCrop;
    const top = cellSpan(Math.floor(t / k), k, height)[0];
    const left = cellSpan(t % k, k, width)[0];
    const rowBytes = box.width * channels;
    for (let y = 0; y < box.height; y++) {
      const from = ((box.top + y) * width + box.left) * channels;
      out.set(c.pixels.subarray(from, from + rowBytes), ((top + y) * width + left) * channels);
    }
  });
  return out;
}
