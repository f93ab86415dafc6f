/**
 * Installs the project's training kernels on the wasm backend, replacing stock ones where ours
 * are faster. Must run after the wasm backend package is imported; safe to call repeatedly.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAvgPoolGradWasm } from './avg-pool-grad.ts';
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm } from './conv2d-backprop.ts';
import { makeHeapSlice } from './heap-slice.ts';
import { makeSharedCast, makeSharedIdentity } from './shared-copy.ts';

/** Each entry gets the stock kernel (if any) so it can delegate cases it does not speed up. */
const WASM_TRAINING_KERNELS: ReadonlyArray<{
  name: string;
  make: (stock: tf.KernelFunc | null) => tf.KernelFunc;
}> = [
  { name: 'Conv2DBackpropFilter', make: () => conv2dBackpropFilterWasm },
  { name: 'Conv2DBackpropInput', make: () => conv2dBackpropInputWasm },
  { name: 'AvgPoolGrad', make: makeAvgPoolGradWasm },
  { name: 'Identity', make: makeSharedIdentity },
  { name: 'Cast', make: makeSharedCast },
  { name: 'Slice', make: makeHeapSlice },
];

let registered = false;

/**
 * Call after tf.setBackend('wasm') has resolved: stock kernels kept for delegation must have had
 * their setup (wasm function binding) run by the backend's initialisation.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  for (const { name, make } of WASM_TRAINING_KERNELS) {
    const stock = tf.getKernel(name, 'wasm');
    if (stock) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: make(stock?.kernelFunc ?? null) });
  }
  registered = true;
}

/** Names of the kernels we install, for diagnostics and docs. */
export function wasmTrainingKernelNames(): string[] {
  return WASM_TRAINING_KERNELS.map((k) => k.name);
}
