/**
 * Seeded parameter initialisation matching PyTorch's defaults, so our ConvNet starts from the
 * same distribution as the PyTorch peer: kaiming-uniform with a = √5 gives
 * bound = gain·√(3/fan_in) with gain = √(2/(1+a²)) = √(1/3), i.e. U(−1/√fan_in, 1/√fan_in),
 * and biases use the same bound.
 */
import { createRng } from '../../../shared/random.ts';

export function torchDefaultUniform(size: number, fanIn: number, rng: () => number): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng() * 2 - 1) * bound;
  return out;
}

/** Independent streams per parameter keep a layer's init stable when other layers change. */
export function paramRng(seed: number, index: number): () => number {
  return createRng((seed * 1_000_003 + index * 7919) >>> 0);
}
