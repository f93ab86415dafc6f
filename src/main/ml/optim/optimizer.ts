/**
 * One optimiser type for training code: AdamW (the benchmark protocol's) and SGD with momentum
 * (PyTorch recipes), chosen by a JSON-safe spec that a run can record and a checkpoint replay.
 */
import type * as tf from '@tensorflow/tfjs';
import { AdamW, type AdamWState } from './adamw.ts';
import { Sgd, type SgdState } from './sgd.ts';

export type OptimizerSpec =
  | { kind: 'adamw'; weightDecay?: number }
  | { kind: 'sgd'; momentum?: number; weightDecay?: number; nesterov?: boolean };

export type OptimizerState = AdamWState | SgdState;

export interface Optimizer {
  /** The parameters in the order `step` expects an array of gradients. */
  readonly params: tf.Variable[];
  /** Number of steps taken. */
  readonly steps: number;
  /** One update; grads keyed by variable name or aligned with `params`; not disposed. */
  step(grads: tf.NamedTensorMap | tf.Tensor[], lr: number): void;
  getState(): OptimizerState;
  /**
   * Restores a state taken from an optimiser of the same kind and parameters. Each class takes
   * only its own state type (method parameters are checked bivariantly, so both classes fit).
   */
  setState(state: OptimizerState): void;
  dispose(): void;
}

/** `decayed` get weight decay (conv/dense kernels); `others` never do (biases, norm affine). */
export function createOptimizer(
  spec: OptimizerSpec,
  decayed: tf.Variable[],
  others: tf.Variable[],
): Optimizer {
  switch (spec.kind) {
    case 'adamw':
      return new AdamW(decayed, others, { weightDecay: spec.weightDecay ?? 0.01 });
    case 'sgd':
      return new Sgd(decayed, others, {
        momentum: spec.momentum ?? 0.9,
        weightDecay: spec.weightDecay ?? 5e-4,
        nesterov: spec.nesterov ?? false,
      });
    default: {
      const kind: never = spec;
      throw new Error(`unknown optimizer kind ${JSON.stringify((kind as { kind?: unknown }).kind)}`);
    }
  }
}

export function isSgdState(state: OptimizerState): state is SgdState {
  return 'momentum' in state;
}
