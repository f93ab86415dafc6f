/**
 * AdamW (Loshchilov & Hutter) as PyTorch implements it, so our runs match the PyTorch peer:
 *   p ← p·(1 − lr·wd)                                  (decoupled decay, flagged params only)
 *   m ← β1·m + (1−β1)·g,   v ← β2·v + (1−β2)·g²
 *   p ← p − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
 * The learning rate is passed per step so a schedule stays outside the optimiser.
 */
import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../variables.ts';

export interface AdamWOptions {
  weightDecay?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Everything AdamW carries between steps, for checkpoints (parameter order as `params`). */
export interface AdamWState {
  steps: number;
  m: Float32Array[];
  v: Float32Array[];
}

interface Slot {
  param: tf.Variable;
  decay: boolean;
  m: tf.Variable;
  v: tf.Variable;
}

export class AdamW {
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly slots: Slot[];
  private t = 0;

  /** `decayed` get weight decay (conv/dense kernels); `others` do not (biases, norm affine). */
  constructor(decayed: tf.Variable[], others: tf.Variable[], options: AdamWOptions = {}) {
    this.weightDecay = options.weightDecay ?? 0.01;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    const slot = (param: tf.Variable, decay: boolean): Slot => ({
      param,
      decay,
      m: ownedVariable(tf.zerosLike(param), false),
      v: ownedVariable(tf.zerosLike(param), false),
    });
    this.slots = [...decayed.map((p) => slot(p, true)), ...others.map((p) => slot(p, false))];
  }

  /** Number of steps taken. */
  get steps(): number {
    return this.t;
  }

  /** The parameters in the order `step` expects their gradients. */
  get params(): tf.Variable[] {
    return this.slots.map((s) => s.param);
  }

  /**
   * One update. `grads` is keyed by variable name (as tf.variableGrads returns) or given as an
   * array aligned with `params`. Does not dispose the gradients.
   */
  step(grads: tf.NamedTensorMap | tf.Tensor[], lr: number): void {
    this.t += 1;
    const bc1 = 1 - this.beta1 ** this.t;
    const bc2 = 1 - this.beta2 ** this.t;
    const stepSize = lr / bc1;
    const sqrtBc2 = Math.sqrt(bc2);
    this.slots.forEach((s, i) => {
      const g = Array.isArray(grads) ? grads[i] : grads[s.param.name];
      if (!g) throw new Error(`AdamW: no gradient for ${s.param.name}`);
      tf.tidy(() => {
        const m = tf.add(tf.mul(s.m, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(s.v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), this.eps);
        const decayed =
          s.decay && this.weightDecay !== 0 ? tf.mul(s.param, 1 - lr * this.weightDecay) : s.param;
        s.param.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), stepSize)));
        s.m.assign(m);
        s.v.assign(v);
      });
    });
  }

  getState(): AdamWState {
    return {
      steps: this.t,
      m: this.slots.map((s) => Float32Array.from(s.m.dataSync())),
      v: this.slots.map((s) => Float32Array.from(s.v.dataSync())),
    };
  }

  /** Restores a checkpoint taken with getState on an optimiser of the same parameters. */
  setState(state: AdamWState): void {
    if (state.m.length !== this.slots.length || state.v.length !== this.slots.length)
      throw new Error(`AdamW state holds ${state.m.length} slots, expected ${this.slots.length}`);
    this.slots.forEach((s, i) => {
      const m = state.m[i] as Float32Array;
      const v = state.v[i] as Float32Array;
      if (m.length !== s.param.size || v.length !== s.param.size)
        throw new Error(`AdamW state slot ${i}: expected ${s.param.size} values`);
      tf.tidy(() => {
        s.m.assign(tf.tensor(m, s.param.shape));
        s.v.assign(tf.tensor(v, s.param.shape));
      });
    });
    this.t = state.steps;
  }

  dispose(): void {
    for (const s of this.slots) {
      s.m.dispose();
      s.v.dispose();
    }
  }
}
