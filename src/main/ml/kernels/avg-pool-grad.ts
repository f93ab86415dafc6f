/**
 * AvgPoolGrad for wasm. The stock kernel is a scalar loop that costs ~150 ms per step on
 * ConvNet-3's first layer; for the non-overlapping, unpadded pools we use (2×2, stride 2,
 * 'valid') the gradient is just dy/(kh·kw) copied into each window, which one broadcasting
 * multiply does in a few ms. Other configurations go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { KernelRunner, type Shape4 } from './kernel-runner.ts';

interface PoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

/** Builds the kernel; `fallback` is the stock implementation for the general case. */
export function makeAvgPoolGradWasm(fallback: tf.KernelFunc | null): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const attrs = args.attrs as unknown as PoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as Shape4,
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
    const tiled = kh === sh && kw === sw && padInfo.top === 0 && padInfo.left === 0;
    if (!tiled) {
      if (!fallback) throw new Error('AvgPoolGrad: only non-overlapping unpadded pools are supported');
      return fallback(args);
    }
    const [n, inH, inW, c] = input.shape as Shape4;
    const { outHeight: oh, outWidth: ow } = info;
    const r = new KernelRunner(args.backend, 'wasm');
    const spread = r.reshape(dy, [n, oh, 1, ow, 1, c]);
    const weights = r.run(
      'Fill',
      {},
      { shape: [1, 1, kh, 1, kw, 1], value: 1 / (kh * kw), dtype: 'float32' },
    );
    const windows = r.reshape(r.run('Multiply', { a: spread, b: weights }), [n, oh * kh, ow * kw, c]);
    // 'valid' pooling drops the last row/column of odd sizes: their gradient is zero.
    const extraH = inH - oh * kh;
    const extraW = inW - ow * kw;
    const dx =
      extraH > 0 || extraW > 0
        ? r.pad(windows, [
            [0, 0],
            [0, extraH],
            [0, extraW],
            [0, 0],
          ])
        : windows;
    return r.finish(dx);
  };
}
