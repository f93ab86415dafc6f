/**
 * The crop-and-resize of the training input (augment-batch.ts: tf.image.cropAndResize, bilinear,
 * extrapolation 0), in plain JS over one H×W×C image of bytes, for the API process, which runs no
 * tensor work (the Augment step's live preview shows exactly what training sees).
 *
 * Box convention (boxes.ts): [y1, x1, y2, x2], 0 and 1 the centres of the first and last pixel;
 * output row y of `outH` samples source row y1·(H−1) + y·(y2−y1)·(H−1)/(outH−1). A flip is
 * folded into the box (x1 > x2 reads right to left), so it needs nothing here. The boxes keep
 * EDGE_MARGIN_PX inside their region, so no sample reaches a neighbouring cell; a sample outside
 * the image would get 0, as in the kernel.
 *
 * The arithmetic follows TensorFlow's reference kernel (crop_and_resize_op.cc, which tfjs's cpu
 * backend copies): double precision, stored as float32. The wasm backend computes in float32,
 * so its values may differ in the last bits, and by 1 after rounding to bytes.
 */

export type CropBox = ArrayLike<number>;

/** Source coordinate of each output sample along one axis (the kernel's yInd / xInd). */
function sampleCoords(lo: number, hi: number, size: number, out: number): Float64Array {
  const coords = new Float64Array(out);
  if (out === 1) {
    coords[0] = 0.5 * (lo + hi) * (size - 1);
    return coords;
  }
  const scale = ((hi - lo) * (size - 1)) / (out - 1);
  for (let i = 0; i < out; i++) coords[i] = lo * (size - 1) + i * scale;
  return coords;
}

/**
 * One bilinear crop of `pixels` (H×W×C bytes, row-major, channels last) resized to outH×outW,
 * as float32 values (what the kernel returns for a float copy of the bytes).
 */
export function cropAndResizeJs(
  pixels: Uint8Array,
  shape: readonly [number, number, number],
  box: CropBox,
  size: readonly [number, number],
): Float32Array {
  const [h, w, c] = shape;
  const [outH, outW] = size;
  if (pixels.length !== h * w * c)
    throw new RangeError(`image has ${pixels.length} bytes, ${shape.join('×')} needs ${h * w * c}`);
  if (box.length !== 4) throw new RangeError(`a crop box has 4 numbers, got ${box.length}`);
  if (!(outH >= 1 && outW >= 1 && Number.isInteger(outH) && Number.isInteger(outW)))
    throw new RangeError(`crop size must be whole and positive, got ${outH}×${outW}`);
  const [y1, x1, y2, x2] = [box[0], box[1], box[2], box[3]] as [number, number, number, number];
  const ys = sampleCoords(y1, y2, h, outH);
  const xs = sampleCoords(x1, x2, w, outW);
  const out = new Float32Array(outH * outW * c); // zero: the extrapolation value
  const rowStride = w * c;
  for (let y = 0; y < outH; y++) {
    const yInd = ys[y] as number;
    if (yInd < 0 || yInd > h - 1) continue;
    const top = Math.floor(yInd) * rowStride;
    const bottom = Math.ceil(yInd) * rowStride;
    const yLerp = yInd - Math.floor(yInd);
    for (let x = 0; x < outW; x++) {
      const xInd = xs[x] as number;
      if (xInd < 0 || xInd > w - 1) continue;
      const left = Math.floor(xInd) * c;
      const right = Math.ceil(xInd) * c;
      const xLerp = xInd - Math.floor(xInd);
      const o = (y * outW + x) * c;
      for (let k = 0; k < c; k++) {
        const tl = pixels[top + left + k] as number;
        const tr = pixels[top + right + k] as number;
        const bl = pixels[bottom + left + k] as number;
        const br = pixels[bottom + right + k] as number;
        // The kernel's order of operations, so double rounding matches it too.
        const t = tl + (tr - tl) * xLerp;
        const b = bl + (br - bl) * xLerp;
        out[o + k] = t + (b - t) * yLerp;
      }
    }
  }
  return out;
}

/** tf.round (half to even) of a float32 value. */
function roundHalfEven(v: number): number {
  const base = Math.floor(v);
  const frac = v - base;
  if (frac < 0.5) return base;
  if (frac > 0.5) return base + 1;
  return base % 2 === 0 ? base : base + 1;
}

/**
 * Float samples back to bytes as the tensor preview did (round half to even, clip to 0…255):
 * crop and flip commute with the input normalisation, so raw bytes show the training views.
 */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.min(255, Math.max(0, roundHalfEven(values[i] as number)));
  }
  return out;
}
