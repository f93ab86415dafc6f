/**
 * Composes backend kernels inside another kernel. A kernel function must return TensorInfo
 * without going through the engine (no tape, no tensor tracking), so we call the backend's own
 * kernel functions directly and free every intermediate ourselves.
 */
import * as tf from '@tensorflow/tfjs';

export type Shape4 = [number, number, number, number];
type Attrs = Record<string, unknown>;

/** The slice of the wasm backend we need: creating constants and freeing intermediates. */
interface WasmLikeBackend {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
}

export class KernelRunner {
  private readonly temps: tf.TensorInfo[] = [];

  constructor(
    readonly backend: object,
    readonly backendName: string,
  ) {}

  /** Runs a registered kernel of this backend; the result is kept as a temporary. */
  run(kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}): tf.TensorInfo {
    const config = tf.getKernel(kernelName, this.backendName);
    if (!config) throw new Error(`kernel ${kernelName} not registered for backend ${this.backendName}`);
    const out = config.kernelFunc({
      inputs: inputs as tf.NamedTensorInfoMap,
      backend: this.backend,
      attrs: attrs as tf.NamedAttrMap,
    });
    if (Array.isArray(out)) throw new Error(`kernel ${kernelName} returned several outputs`);
    this.temps.push(out);
    return out;
  }

  /** A float32 constant on this backend (kept as a temporary). */
  constant(shape: number[], values: Float32Array): tf.TensorInfo {
    const out = (this.backend as WasmLikeBackend).makeOutput(shape, 'float32', undefined, values);
    this.temps.push(out);
    return out;
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }

  pad(x: tf.TensorInfo, paddings: Array<[number, number]>): tf.TensorInfo {
    return this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  /** NHWC conv with explicit pads, optional dilation and stride. */
  conv2d(
    x: tf.TensorInfo,
    filter: tf.TensorInfo,
    pads: { top: number; bottom: number; left: number; right: number },
    dilations: [number, number] = [1, 1],
    strides: [number, number] = [1, 1],
  ): tf.TensorInfo {
    const pad = [
      [0, 0],
      [pads.top, pads.bottom],
      [pads.left, pads.right],
      [0, 0],
    ];
    return this.run('Conv2D', { x, filter }, { strides, pad, dataFormat: 'NHWC', dilations });
  }

  /**
   * Frees every temporary except `keep` (the kernel's output). Reshape shares its input's data
   * and bumps a reference count, so each temporary is released exactly once.
   */
  finish(keep: tf.TensorInfo): tf.TensorInfo {
    const backend = this.backend as WasmLikeBackend;
    for (const info of this.temps) {
      if (info !== keep) backend.disposeData(info.dataId);
    }
    this.temps.length = 0;
    return keep;
  }
}
