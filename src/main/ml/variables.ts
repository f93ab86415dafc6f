import * as tf from '@tensorflow/tfjs';

/**
 * tf.variable shares its initial tensor's data but leaves that tensor tracked on its own; dispose
 * it so that only the variable remains (the leak tests count tensors exactly).
 */
export function ownedVariable(initial: tf.Tensor, trainable = true): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}
