/**
 * What training, inference and checkpoints need from an image classifier, independent of the
 * architecture, so that ConvNet-3 and ResNet-18 are interchangeable behind one type. `spec` is a
 * JSON-safe description from which `createModel` (create-model.ts) rebuilds the same model;
 * weights travel separately through getWeights/setWeights.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ConvNetConfig, InputNorm, NormKind } from './convnet.ts';

export type { InputNorm, NormKind };

export interface ResNet18Config {
  inputShape: [number, number, number];
  classes: number;
  /** Channels of the first stage; the stages have width, 2·width, 4·width, 8·width. */
  width: number;
  norm: NormKind;
  seed: number;
}

export type ConvNetSpec = { kind: 'convnet' } & ConvNetConfig;
export type ResNet18Spec = { kind: 'resnet18' } & ResNet18Config;
export type ModelSpec = ConvNetSpec | ResNet18Spec;
export type ModelKind = ModelSpec['kind'];

export interface Classifier {
  readonly spec: ModelSpec;
  /** Size of the penultimate features `features` returns. */
  readonly featureSize: number;
  /** Conv and dense kernels: the variables that get weight decay. */
  readonly kernels: tf.Variable[];
  /** Biases and norm affine parameters: trained without weight decay. */
  readonly others: tf.Variable[];
  /** Every trainable variable, `kernels` then `others` (the order of getWeights' first arrays). */
  readonly trainable: tf.Variable[];
  /** Pixel normalisation the model was trained with; set by the trainer, saved with the model. */
  inputNorm: InputNorm;
  /** Logits [N, classes] for normalised NHWC input; `training` selects batch-norm statistics. */
  forward(x: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** Penultimate activations [N, featureSize], evaluation mode. */
  features(x: tf.Tensor4D): tf.Tensor2D;
  /**
   * Every array that defines the model, fixed order: `trainable`, then non-trainable buffers
   * (batch-norm running mean/variance, one 1-D array per channel vector).
   */
  getWeights(): Float32Array[];
  setWeights(weights: readonly Float32Array[]): void;
  dispose(): void;
}
