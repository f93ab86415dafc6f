/** Messages between the trainer and a replica worker (structured-clone safe values only). */
import type { InputNorm, ModelSpec } from '../models/classifier.ts';
import type { OptimizerSpec, OptimizerState } from '../optim/optimizer.ts';
import type { BackendPreference } from '../backend.ts';
import type { ImageShape } from '../pixel-batch.ts';
import type { ShardPlan } from '../batch-plan.ts';
import type { TeacherSpec } from '../soft-labels.ts';

export interface ReplicaInit {
  type: 'init';
  backend: BackendPreference;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  inputNorm: InputNorm;
  shape: ImageShape;
  classes: number;
  /** Pixels and labels in shared memory: sent once, read by every step. */
  images: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  /** Weights and optimiser state to start from (a resumed run); fresh initialisation when absent. */
  state?: { weights: Float32Array[]; optimizer: OptimizerState };
  /** Soft-label mode: the teacher every replica labels its views with. */
  teacher?: TeacherSpec;
}

/** Compute the gradient of the mean loss over these training rows. */
export interface ReplicaGrads {
  type: 'grads';
  rows: Int32Array;
  /** Also return the softmax of the forward pass. */
  probabilities: boolean;
  /** This shard's views and CutMix donors (drawn by the trainer for the whole batch). */
  plan: ShardPlan | null;
}

/** Apply the combined gradient (same bytes on every replica keeps the weights identical). */
export interface ReplicaApply {
  type: 'apply';
  grads: Float32Array;
  lr: number;
}

export type ToReplica = ReplicaInit | ReplicaGrads | ReplicaApply;

export type FromReplica =
  | { type: 'ready'; backend: string }
  | { type: 'grads'; loss: number; grads: Float32Array; probabilities: Float32Array | null }
  | { type: 'error'; message: string };
