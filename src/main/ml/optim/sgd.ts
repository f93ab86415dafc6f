/**
 * SGD with momentum exactly as PyTorch's torch.optim.SGD (dampening 0), so runs can be compared
 * with PyTorch recipes (ResNet on CIFAR: lr 0.1, momentum 0.9, weight decay 5e-4):
 *   d ← g + wd·p                  (decayed params only)
 *   v ← μ·v + d                   (v starts at 0, so the first v is d, as PyTorch's clone)
 *   p ← p − lr·(d + μ·v)          with Nesterov,   p ← p − lr·v   without
 * The weight decay is PyTorch's *coupled* L2 term (added to the gradient, so it is scaled by the
 * momentum and the learning rate), not AdamW's decoupled decay: that is what "SGD with weight
 * decay" means in the PyTorch recipes this optimiser exists to reproduce.
 */
import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../variables.ts';

export interface SgdOptions {
  momentum?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/** Everything SGD carries between steps, for checkpoints (parameter order as `params`). */
export interface SgdState {
  steps: number;
  momentum: Float32Array[];
}

interface Slot {
  param: tf.Variable;
  decay: boolean;
  buf: tf.Variable;
}

export class Sgd {
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly slots: Slot[];
  private t = 0;

  /** `decayed` get weight decay (conv/dense kernels); `others` do not (biases, norm affine). */
  constructor(decayed: tf.Variable[], others: tf.Variable[], options: SgdOptions = {}) {
    this.momentum = options.momentum ?? 0.9;
    this.weightDecay = options.weightDecay ?? 5e-4;
    this.nesterov = options.nesterov ?? false;
    if (this.momentum < 0) throw new Error(`SGD: negative momentum ${this.momentum}`);
    if (this.nesterov && this.momentum === 0) throw new Error('SGD: Nesterov needs a momentum > 0');
    const slot = (param: tf.Variable, decay: boolean): Slot => ({
      param,
      decay,
      buf: ownedVariable(tf.zerosLike(param), false),
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
    this.slots.forEach((s, i) => {
      const g = Array.isArray(grads) ? grads[i] : grads[s.param.name];
      if (!g) throw new Error(`SGD: no gradient for ${s.param.name}`);
      tf.tidy(() => {
        const d = s.decay && this.weightDecay !== 0 ? tf.add(g, tf.mul(s.param, this.weightDecay)) : g;
        const v = tf.add(tf.mul(s.buf, this.momentum), d);
        const update = this.nesterov ? tf.add(d, tf.mul(v, this.momentum)) : v;
        s.param.assign(tf.sub(s.param, tf.mul(update, lr)));
        s.buf.assign(v);
      });
    });
  }

  getState(): SgdState {
    return { steps: this.t, momentum: this.slots.map((s) => Float32Array.from(s.buf.dataSync())) };
  }

  /** Restores a checkpoint taken with getState on an optimiser of the same parameters. */
  setState(state: SgdState): void {
    // A checkpoint may come from another optimiser kind (an AdamW state has m and v instead).
    if (!Array.isArray(state.momentum)) throw new Error('SGD: the state holds no momentum buffers');
    if (state.momentum.length !== this.slots.length)
      throw new Error(`SGD state holds ${state.momentum.length} slots, expected ${this.slots.length}`);
    this.slots.forEach((s, i) => {
      const buf = state.momentum[i] as Float32Array;
      if (buf.length !== s.param.size)
        throw new Error(`SGD state slot ${i}: expected ${s.param.size} values`);
    });
    this.slots.forEach((s, i) =>
      tf.tidy(() => s.buf.assign(tf.tensor(state.momentum[i] as Float32Array, s.param.shape))),
    );
    this.t = state.steps;
  }

  dispose(): void {
    for (const s of this.slots) s.buf.dispose();
  }
}
