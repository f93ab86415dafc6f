/**
 * Starts the wasm backend from any working directory: the .wasm binaries are located through
 * module resolution (not the cwd), and our training kernels are registered before first use.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerWasmTrainingKernels } from './kernels/register-wasm-kernels.ts';

let wasmPathsSet = false;

/** Folder holding tfjs-backend-wasm*.wasm, with a trailing separator as setWasmPaths expects. */
export function wasmBinaryFolder(): string {
  const require = createRequire(import.meta.url);
  // The package's "main" lives in dist/, next to the binaries.
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
}

export async function loadWasmBackend(): Promise<{ simd: boolean }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // Threads need a worker build that does not run in Node; tfjs already reports no thread
    // support there, and we pin it so a future flag default cannot pick the threaded binary.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths(wasmBinaryFolder());
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  registerWasmTrainingKernels();
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd };
}
