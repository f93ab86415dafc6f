/**
 * Identity and same-dtype Cast for wasm that share the input's buffer (reference counted, as the
 * cpu backend and wasm's own Reshape do) instead of copying it. tfjs clones every tensor it
 * saves for backprop through Identity, and casts float masks to float32, so on a training step
 * the stock copying kernels move every saved activation once more (≈ 3–4 % of a ConvNet-3
 * step). Safe because no kernel writes into an input buffer and variables are reassigned, not
 * mutated.
 */
import type * as tf from '@tensorflow/tfjs';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

function share(x: tf.TensorInfo, backend: object): tf.TensorInfo {
  (backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function makeSharedIdentity(stock: tf.KernelFunc | null): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    // Strings live outside the wasm heap; leave them to the stock kernel.
    if (x.dtype === 'string' && stock) return stock(args);
    return share(x, args.backend);
  };
}

export function makeSharedCast(stock: tf.KernelFunc | null): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const dtype = (args.attrs as { dtype?: string } | undefined)?.dtype;
    if (dtype === x.dtype && x.dtype !== 'string') return share(x, args.backend);
    if (!stock) throw new Error(`Cast ${x.dtype} → ${String(dtype)} needs the stock wasm kernel`);
    return stock(args);
  };
}
