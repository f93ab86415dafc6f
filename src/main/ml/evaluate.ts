/** Top-1 accuracy, per-class accuracy and the confusion matrix of a trained classifier. */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './models/classifier.ts';
import { imageCount, normLookup, pixelBatch, type ImageShape } from './pixel-batch.ts';

export interface EvaluationResult {
  accuracy: number;
  /** Accuracy per true class; NaN for a class with no test images. */
  perClassAccuracy: number[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
}

export function evaluate(
  model: Classifier,
  images: Uint8Array,
  labels: Int32Array,
  shape: ImageShape,
  classes: number,
  batchSize = 512,
): EvaluationResult {
  const n = imageCount(images, shape);
  if (labels.length !== n) throw new Error(`${n} images but ${labels.length} labels`);
  const luts = normLookup(model.inputNorm);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const predicted = tf.tidy(() => {
      const x = pixelBatch(images, rows, shape, luts);
      return tf.argMax(model.forward(x, false), 1);
    });
    const preds = predicted.dataSync();
    predicted.dispose();
    rows.forEach((row, i) => {
      const truth = labels[row] as number;
      const guess = preds[i] as number;
      const line = confusion[truth];
      if (!line) throw new Error(`label ${truth} outside 0..${classes - 1}`);
      line[guess] = (line[guess] ?? 0) + 1;
      if (truth === guess) correct += 1;
    });
  }
  const perClassAccuracy = confusion.map((line, k) => {
    const total = line.reduce((a, b) => a + b, 0);
    return total > 0 ? (line[k] as number) / total : Number.NaN;
  });
  return { accuracy: n > 0 ? correct / n : 0, perClassAccuracy, confusion };
}
