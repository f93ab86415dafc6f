import sharp from 'sharp';
import { cellBounds } from '../../../shared/mosaic-cells';

export { cellBounds };

/**
 * One stored image of a combined set: a k×k mosaic of whole kept images (METHODS.md, "C —
 * Combine"). Each tile is resized whole (no cropping, aspect not kept: `fit: 'fill'`) to its
 * cell; tile i goes to row ⌊i/k⌋, column i mod k. Pixels are raw uint8 H×W×C, in and out;
 * grayscale stays one channel.
 */

export interface TileShape {
  height: number;
  width: number;
  channels: number;
}

export interface MosaicSize {
  height: number;
  width: number;
}

/**
 * The resampling kernel. libvips reduces with the kernel stretched over the shrink factor, so
 * a shrink averages every source pixel it covers (antialiasing), as METHODS asks ("area /
 * bilinear with antialiasing, not nearest"). Linear rather than Lanczos: its weights are never
 * negative, so an output pixel is a convex combination of source pixels — no ringing halos
 * around the hard silhouettes of small images (Fashion-MNIST on black), and a solid colour stays
 * exactly that colour. Recorded in every mosaic set's params.
 */
export const MOSAIC_KERNEL = 'linear' as const;

/** One tile resized to width × height with the mosaic kernel; raw out, same channel count. */
export async function resizeTile(
  tile: Uint8Array,
  shape: TileShape,
  width: number,
  height: number,
): Promise<Uint8Array> {
  // Same size: copy, so a k = 1 mosaic at the dataset's resolution is the original, byte for byte.
  if (width === shape.width && height === shape.height) return tile.slice();
  let image = sharp(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength), {
    raw: { width: shape.width, height: shape.height, channels: shape.channels as 1 | 3 },
  }).resize(width, height, { fit: 'fill', kernel: MOSAIC_KERNEL });
  // sharp widens one-channel input to sRGB on output; keep grayscale one channel.
  if (shape.channels === 1) image = image.toColourspace('b-w');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== shape.channels)
    throw new Error(
      `resize gave ${info.width}×${info.height}×${info.channels}, expected ${width}×${height}×${shape.channels}`,
    );
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function buildMosaic(
  tiles: readonly Uint8Array[],
  tileShape: TileShape,
  k: number,
  out: MosaicSize,
): Promise<Uint8Array> {
  const { channels } = tileShape;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (tiles.length !== k * k)
    throw new RangeError(`a ${k}×${k} mosaic needs ${k * k} tiles, got ${tiles.length}`);
  if (out.height < k || out.width < k)
    throw new RangeError(`a ${out.width}×${out.height} mosaic has no room for ${k}×${k} cells`);
  const tileBytes = tileShape.height * tileShape.width * channels;
  tiles.forEach((tile, i) => {
    if (tile.length !== tileBytes)
      throw new RangeError(`tile ${i} has ${tile.length} bytes, expected ${tileBytes}`);
  });
  const rows = cellBounds(out.height, k);
  const cols = cellBounds(out.width, k);
  const mosaic = new Uint8Array(out.height * out.width * channels);
  const cells = await Promise.all(
    tiles.map((tile, i) => {
      const r = Math.floor(i / k);
      const c = i % k;
      return resizeTile(
        tile,
        tileShape,
        (cols[c + 1] as number) - (cols[c] as number),
        (rows[r + 1] as number) - (rows[r] as number),
      );
    }),
  );
  cells.forEach((cell, i) => {
    const top = rows[Math.floor(i / k)] as number;
    const left = cols[i % k] as number;
    const cellWidth = (cols[(i % k) + 1] as number) - left;
    const rowBytes = cellWidth * channels;
    const cellHeight = cell.length / rowBytes;
    for (let y = 0; y < cellHeight; y++) {
      mosaic.set(cell.subarray(y * rowBytes, (y + 1) * rowBytes), ((top + y) * out.width + left) * channels);
    }
  });
  return mosaic;
}
