/**
 * Conv2D gradients for the wasm backend, written as forward convolutions so the work runs in
 * XNNPACK's optimised conv instead of a scalar loop. The stock wasm backend has no
 * Conv2DBackpropFilter at all and a slow, naive Conv2DBackpropInput.
 *
 * NHWC only; pads 'same' | 'valid' | number | explicit; any stride; dilation 1 (tfjs only
 * differentiates conv2d with dilation 1).
 */
import * as tf from '@tensorflow/tfjs';
import { KernelRunner, type Shape4 } from './kernel-runner.ts';

interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function convInfo(xShape: Shape4, filterShape: Shape4, attrs: ConvGradAttrs): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm conv2d gradients support NHWC only');
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dW[a,b,ci,co] = Σ_{n,i,j} xpad[n, i·s+a, j·s+b, ci] · dy[n,i,j,co].
 * That is a valid conv whose batch is Cin and whose channels are N: input x as [Cin,H,W,N]
 * (padded by the forward pads), filter dy as [oh,ow,N,Cout] dilated by the stride. The output
 * [Cin,kh',kw',Cout] is cut to kh×kw (kh' ≥ kh when strides leave unused rows) and transposed.
 */
export function conv2dBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: object;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvGradAttrs & { filterShape: Shape4 };
  const info = convInfo(x.shape as Shape4, attrs.filterShape, attrs);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const r = new KernelRunner(args.backend, 'wasm');
  const { top, bottom, left, right } = info.padInfo;
  const cinK = kh * kw * info.inChannels;
  if (cinK <= PATCH_PATH_MAX_K) return r.finish(filterGradViaPatches(r, x, dy, info));

  const xT = r.transpose(x, [3, 1, 2, 0]);
  const dyT = r.transpose(dy, [1, 2, 0, 3]);
  let dw = r.conv2d(xT, dyT, { top, bottom, left, right }, [sh, sw]);
  const [cin, outH, outW, cout] = dw.shape as Shape4;
  if (outH !== kh || outW !== kw) dw = r.slice(dw, [0, 0, 0, 0], [cin, kh, kw, cout]);
  return r.finish(r.transpose(dw, [1, 2, 0, 3]));
}

/** Above this many patch values per position (kh·kw·Cin) the identity conv gets expensive. */
const PATCH_PATH_MAX_K = 32;

/**
 * Few input channels (a first layer: Cin 1 or 3). The conv formulation above would hand XNNPACK
 * all of dy as a filter, and re-packing that per call costs ~10× the arithmetic (26 ms of 28 for
 * ConvNet-3's first layer at width 32). Instead: patches P [M, kh·kw·Cin] by a conv with an
 * identity filter (same strides and pads as the forward conv, so any stride works), then
 * dWᵀ = dyᵀ·P with P as the small matrix XNNPACK packs. Costs a 2-D transpose of dy.
 */
function filterGradViaPatches(
  r: KernelRunner,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: cin, strideHeight: sh, strideWidth: sw } = info;
  const k = kh * kw * cin;
  const [n, oh, ow, cout] = dy.shape as Shape4;
  // Identity filter [kh,kw,Cin,K]: output channel (a,b,ci) copies input channel ci at tap (a,b).
  const eye = new Float32Array(k * k);
  for (let j = 0; j < k; j++) eye[j * k + j] = 1;
  const { top, bottom, left, right } = info.padInfo;
  const patches = r.conv2d(
    x,
    r.constant([kh, kw, cin, k], eye),
    { top, bottom, left, right },
    [1, 1],
    [sh, sw],
  );
  // dy must be transposed to [Cout, rows]; wasm's transpose is ~5× faster on chunks of a few
  // images than on the whole batch at once, so work image-chunk by image-chunk.
  const chunks = divisorNear(n, Math.ceil(n / PATCH_CHUNK_IMAGES));
  const rows = (n / chunks) * oh * ow;
  const dyT = r.transpose(r.reshape(dy, [chunks, rows, cout]), [0, 2, 1]);
  const p3 = r.reshape(patches, [chunks, rows, k]);
  let dwT: tf.TensorInfo | null = null;
  for (let c = 0; c < chunks; c++) {
    const a = chunks === 1 ? dyT : r.slice(dyT, [c, 0, 0], [1, cout, rows]);
    const b = chunks === 1 ? p3 : r.slice(p3, [c, 0, 0], [1, rows, k]);
    // Each chunk is one XNNPACK fully-connected call (batch 1) with the small patches packed.
    const part = r.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
    dwT = dwT ? r.run('Add', { a: dwT, b: part }) : part;
  }
  return r.reshape(r.transpose(r.reshape(dwT as tf.TensorInfo, [cout, k]), [1, 0]), [kh, kw, cin, cout]);
}

/** Images per chunk in the patch path (from transpose timings on a 1 MiB-L2 machine). */
const PATCH_CHUNK_IMAGES = 8;

/** The divisor of n closest to `target` (so chunks are equal and reshapes stay views). */
function divisorNear(n: number, target: number): number {
  let best = 1;
  for (let d = 1; d <= n; d++) {
    if (n % d === 0 && Math.abs(d - target) < Math.abs(best - target)) best = d;
  }
  return best;
}

/**
 * dx = full correlation of dy (zero-dilated by the stride) with the filter flipped in space and
 * with its in/out channels swapped. Pads follow from the forward pads: top' = kh-1-top and the
 * bottom is whatever makes the output exactly H; negative values mean cropping dy instead.
 */
export function conv2dBackpropInputWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: object;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as ConvGradAttrs & { inputShape: Shape4 };
  const info = convInfo(attrs.inputShape, filter.shape as Shape4, attrs);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const [n, inH, inW] = attrs.inputShape;
  const r = new KernelRunner(args.backend, 'wasm');

  let d = sh > 1 || sw > 1 ? dilateSpatial(r, dy, sh, sw) : dy;
  const [, dH, dW, cout] = d.shape as Shape4;
  const pads = {
    top: kh - 1 - info.padInfo.top,
    bottom: inH - dH + info.padInfo.top,
    left: kw - 1 - info.padInfo.left,
    right: inW - dW + info.padInfo.left,
  };
  // XNNPACK takes only non-negative pads: turn negative ones into a crop of dy.
  const crop = {
    top: Math.max(0, -pads.top),
    bottom: Math.max(0, -pads.bottom),
    left: Math.max(0, -pads.left),
    right: Math.max(0, -pads.right),
  };
  if (crop.top || crop.bottom || crop.left || crop.right) {
    d = r.slice(
      d,
      [0, crop.top, crop.left, 0],
      [n, dH - crop.top - crop.bottom, dW - crop.left - crop.right, cout],
    );
  }
  const flipped = r.run('Reverse', { x: filter }, { dims: [0, 1] });
  const swapped = r.transpose(flipped, [0, 1, 3, 2]);
  const dx = r.conv2d(d, swapped, {
    top: Math.max(0, pads.top),
    bottom: Math.max(0, pads.bottom),
    left: Math.max(0, pads.left),
    right: Math.max(0, pads.right),
  });
  return r.finish(dx);
}

/** Inserts s-1 zero rows/columns between the spatial positions of an NHWC tensor. */
function dilateSpatial(r: KernelRunner, t: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  const [n, h, w, c] = t.shape as Shape4;
  const spread = r.reshape(t, [n, h, 1, w, 1, c]);
  const padded = r.pad(spread, [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  const flat = r.reshape(padded, [n, h * sh, w * sw, c]);
  // The trailing zeros after the last row/column are not part of the dilated tensor.
  return r.slice(flat, [0, 0, 0, 0], [n, (h - 1) * sh + 1, (w - 1) * sw + 1, c]);
}
