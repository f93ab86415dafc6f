/**
 * Cosine learning-rate schedule to zero, stepped per epoch, no warm-up (METHODS.md):
 * lr_e = lr0 · ½·(1 + cos(π·e/E)) for epoch e = 0 … E−1, as PyTorch's LambdaLR in the peer.
 */
export function cosineLr(lr0: number, epoch: number, epochs: number): number {
  if (epochs <= 0) return lr0;
  return lr0 * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs));
}

/** All epochs' rates, for display and tests. */
export function cosineSchedule(lr0: number, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, e) => cosineLr(lr0, e, epochs));
}
