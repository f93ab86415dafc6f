/**
 * Slice for wasm that reads the input through a view of the wasm heap. The stock kernel first
 * copies the whole input out of the heap (readSync), so slicing a few rows off a 50 MB
 * activation costs a 50 MB copy; this one copies only the selected elements, in contiguous
 * runs.
 */
import * as tf from '@tensorflow/tfjs';

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

export function makeHeapSlice(stock: tf.KernelFunc | null): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') {
      if (!stock) throw new Error('Slice of strings needs the stock wasm kernel');
      return stock(args);
    }
    const attrs = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size) as [
      number[],
      number[],
    ];
    const backend = args.backend as HeapBackend;
    // Create the output first: allocating may grow the heap and detach earlier views.
    const out = backend.makeOutput(size, x.dtype);
    const src = backend.typedArrayFromHeap(x);
    const dst = backend.typedArrayFromHeap(out);
    copySlice(src, dst, x.shape, begin, size);
    return out;
  };
}

/** Copies the [begin, begin+size) box of a row-major array of `shape` into `dst`. */
export function copySlice(
  src: Float32Array | Int32Array | Uint8Array,
  dst: Float32Array | Int32Array | Uint8Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  if (rank === 0 || size.some((s) => s === 0)) {
    if (rank === 0) dst[0] = src[0] as number;
    return;
  }
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = (strides[d + 1] as number) * (shape[d + 1] as number);
  // Innermost axes taken whole merge into one contiguous run.
  let inner = rank - 1;
  while (inner > 0 && begin[inner] === 0 && size[inner] === shape[inner]) inner--;
  const run = (size[inner] as number) * (strides[inner] as number);
  const counters = new Array<number>(inner).fill(0);
  let written = 0;
  for (;;) {
    let offset = (begin[inner] as number) * (strides[inner] as number);
    for (let d = 0; d < inner; d++)
      offset += ((begin[d] as number) + (counters[d] as number)) * (strides[d] as number);
    dst.set(src.subarray(offset, offset + run), written);
    written += run;
    // Odometer over the outer axes.
    let d = inner - 1;
    while (d >= 0) {
      counters[d] = (counters[d] as number) + 1;
      if ((counters[d] as number) < (size[d] as number)) break;
      counters[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}
