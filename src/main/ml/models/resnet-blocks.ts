/**
 * Building blocks of ResNet-18 (resnet18.ts): a conv followed by its norm, and the BasicBlock
 * (He et al. 2016) with an optional 1×1 projection shortcut. Explicit variables, like ConvNet,
 * so weight decay can stay on the conv kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { paramRng, torchDefaultUniform } from './init.ts';
import { batchNorm, instanceNorm, type BatchNormState } from './norm.ts';
import type { NormKind } from './convnet.ts';
import { ownedVariable } from '../variables.ts';

/** Seeded PyTorch-default parameters, one independent random stream per tensor. */
export class ParamFactory {
  private stream = 0;
  constructor(private readonly seed: number) {}

  /** Kaiming-uniform a = √5, i.e. U(−1/√fan_in, 1/√fan_in): PyTorch's Conv2d/Linear default. */
  uniform(shape: number[], fanIn: number): tf.Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = torchDefaultUniform(size, fanIn, paramRng(this.seed, this.stream++));
    return ownedVariable(tf.tensor(values, shape));
  }

  /** Burns a stream, so that later tensors draw the same values whatever was left out. */
  skip(): void {
    this.stream++;
  }
}

/** Where a layer's variables go: decayed kernels, undecayed others, non-trainable buffers. */
export interface VariableLists {
  kernels: tf.Variable[];
  others: tf.Variable[];
  buffers: tf.Variable[];
}

/**
 * k×k conv (PyTorch padding (k−1)/2) then the norm. The conv has a bias only without a norm:
 * a norm subtracts every per-channel constant, so the bias would cancel exactly (torchvision's
 * ResNet uses bias=False for the same reason).
 */
export class ConvNorm {
  private readonly kernel: tf.Variable;
  private readonly bias: tf.Variable | null;
  private readonly gamma: tf.Variable | null;
  private readonly beta: tf.Variable | null;
  private readonly bn: BatchNormState | null;
  /**
   * Symmetric numeric padding, not 'same': with stride 2 on an even size, 'same' pads only the
   * bottom/right and so samples other pixels than PyTorch's padding=1 (checked on cpu and wasm).
   */
  private readonly pad: number;

  constructor(
    params: ParamFactory,
    lists: VariableLists,
    private readonly size: number,
    cin: number,
    cout: number,
    private readonly stride: number,
    norm: NormKind,
  ) {
    const fanIn = cin * size * size;
    this.pad = (size - 1) / 2;
    this.kernel = params.uniform([size, size, cin, cout], fanIn);
    lists.kernels.push(this.kernel);
    if (norm === 'none') {
      this.bias = params.uniform([cout], fanIn);
      lists.others.push(this.bias);
      this.gamma = null;
      this.beta = null;
    } else {
      this.bias = null;
      params.skip(); // keep later layers' init independent of the norm choice
      this.gamma = ownedVariable(tf.ones([cout]));
      this.beta = ownedVariable(tf.zeros([cout]));
      lists.others.push(this.gamma, this.beta);
    }
    if (norm === 'batch') {
      this.bn = {
        runningMean: ownedVariable(tf.zeros([cout]), false),
        runningVar: ownedVariable(tf.ones([cout]), false),
      };
      lists.buffers.push(this.bn.runningMean, this.bn.runningVar);
    } else {
      this.bn = null;
    }
  }

  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D {
    const filter = this.kernel as tf.Tensor4D;
    const pad = this.pad === 0 ? 'valid' : this.pad;
    // The fused conv adds the bias inside XNNPACK on wasm instead of a separate pass.
    const y = this.bias
      ? tf.fused.conv2d({ x, filter, strides: this.stride, pad, bias: this.bias })
      : tf.conv2d(x, filter, this.stride, pad);
    if (!this.gamma || !this.beta) return y;
    const g = this.gamma as tf.Tensor1D;
    const b = this.beta as tf.Tensor1D;
    return this.bn ? batchNorm(y, g, b, this.bn, training) : instanceNorm(y, g, b);
  }
}

/** relu(norm(conv3×3(relu(norm(conv3×3(x))))) + shortcut(x)), the shortcut projecting when the shape changes. */
export class BasicBlock {
  private readonly conv1: ConvNorm;
  private readonly conv2: ConvNorm;
  private readonly shortcut: ConvNorm | null;

  constructor(
    params: ParamFactory,
    lists: VariableLists,
    cin: number,
    cout: number,
    stride: number,
    norm: NormKind,
  ) {
    this.conv1 = new ConvNorm(params, lists, 3, cin, cout, stride, norm);
    this.conv2 = new ConvNorm(params, lists, 3, cout, cout, 1, norm);
    this.shortcut =
      stride !== 1 || cin !== cout ? new ConvNorm(params, lists, 1, cin, cout, stride, norm) : null;
  }

  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D {
    const h = tf.relu(this.conv1.apply(x, training));
    const y = this.conv2.apply(h, training);
    const skip = this.shortcut ? this.shortcut.apply(x, training) : x;
    return tf.relu(tf.add(y, skip) as tf.Tensor4D);
  }
}
