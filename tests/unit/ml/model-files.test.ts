import * as tf from '@tensorflow/tfjs';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier, saveClassifier } from '../../../src/main/ml/model-files.ts';
import type { Classifier, ModelSpec } from '../../../src/main/ml/models/classifier.ts';
import { createModel } from '../../../src/main/ml/models/create-model.ts';

let root = '';

/** A model whose weights and batch-norm statistics are not the freshly built ones. */
function trainedLooking(spec: ModelSpec): Classifier {
  const model = createModel(spec);
  const [h, w, c] = spec.inputShape;
  tf.tidy(() => {
    model.forward(tf.randomNormal([4, h, w, c], 0, 1, 'float32', 3) as tf.Tensor4D, true);
  });
  model.setWeights(model.getWeights().map((a, i) => a.map((v, j) => v + 0.01 * Math.sin(i + j))));
  model.inputNorm = { mean: Array.from({ length: c }, (_, i) => 0.1 + i / 10), std: new Array(c).fill(0.3) };
  return model;
}

function logits(model: Classifier, x: tf.Tensor4D): number[] {
  const y = model.forward(x, false);
  const out = Array.from(y.dataSync());
  y.dispose();
  return out;
}

describe('saveClassifier / loadClassifier', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'model-files-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each<ModelSpec>([
    { kind: 'convnet', inputShape: [8, 8, 1], classes: 3, width: 4, depth: 2, norm: 'instance', seed: 1 },
    { kind: 'convnet', inputShape: [8, 8, 3], classes: 3, width: 4, depth: 2, norm: 'batch', seed: 2 },
    { kind: 'resnet18', inputShape: [8, 8, 3], classes: 5, width: 4, norm: 'batch', seed: 3 },
    { kind: 'resnet18', inputShape: [9, 9, 1], classes: 2, width: 2, norm: 'none', seed: 4 },
  ])('gives back identical logits: $kind, $norm norm', (spec) => {
    const model = trainedLooking(spec);
    const dir = join(root, `${spec.kind}-${spec.norm}`, 'model');
    saveClassifier(model, dir);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    // The saved folder is the only thing left beside it (no temp folders).
    expect(readdirSync(join(dir, '..'))).toEqual(['model']);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('datapress-classifier');
    expect(json.spec).toEqual(spec);
    const entries = json.weightsManifest[0].weights as { name: string; shape: number[]; dtype: string }[];
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(entries.every((e) => e.dtype === 'float32')).toBe(true);
    const values = model.getWeights().reduce((n, w) => n + w.length, 0);
    expect(entries.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0)).toBe(values);
    expect(statSync(join(dir, 'weights.bin')).size).toBe(4 * values);

    const loaded = loadClassifier(dir);
    const [h, w, c] = spec.inputShape;
    const x = tf.randomNormal([3, h, w, c], 0, 1, 'float32', 9) as tf.Tensor4D;
    expect(logits(loaded, x)).toEqual(logits(model, x));
    expect(loaded.spec).toEqual(spec);
    expect(loaded.inputNorm).toEqual(model.inputNorm);
    expect(loaded.getWeights()).toEqual(model.getWeights());
    x.dispose();
    [model, loaded].forEach((m) => m.dispose());
  });

  it('replaces a saved model, but not a folder that holds something else', () => {
    const spec: ModelSpec = {
      kind: 'convnet',
      inputShape: [8, 8, 1],
      classes: 2,
      width: 2,
      depth: 1,
      norm: 'none',
      seed: 5,
    };
    const a = trainedLooking(spec);
    const b = trainedLooking({ ...spec, seed: 6 });
    const dir = join(root, 'replace');
    saveClassifier(a, dir);
    saveClassifier(b, dir);
    const loaded = loadClassifier(dir);
    expect(loaded.getWeights()).toEqual(b.getWeights());
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);
    const other = join(root, 'not-a-model');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'keep me');
    expect(() => saveClassifier(a, other)).toThrow(/not a saved model/);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('keep me');
    [a, b, loaded].forEach((m) => m.dispose());
  });

  describe('refuses broken folders in words', () => {
    const spec: ModelSpec = {
      kind: 'resnet18',
      inputShape: [8, 8, 1],
      classes: 2,
      width: 2,
      norm: 'batch',
      seed: 7,
    };
    const saved = (name: string): string => {
      const model = createModel(spec);
      const dir = join(root, 'broken', name);
      saveClassifier(model, dir);
      model.dispose();
      return dir;
    };
    const editJson = (dir: string, edit: (json: Record<string, unknown>) => void) => {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      edit(json);
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    };

    it('truncated weights.bin', () => {
      const dir = saved('truncated');
      const size = statSync(join(dir, 'weights.bin')).size;
      truncateSync(join(dir, 'weights.bin'), size - 8);
      const before = tf.memory().numTensors;
      expect(() => loadClassifier(dir)).toThrow(
        new RegExp(`weights.bin holds ${size - 8} bytes but the resnet18 needs ${size} .*truncated`),
      );
      // The model built to check the sizes is disposed again.
      expect(tf.memory().numTensors).toBe(before);
    });

    it('missing files', () => {
      expect(() => loadClassifier(join(root, 'nowhere'))).toThrow(/model.json is missing/);
      const dir = saved('no-bin');
      rmSync(join(dir, 'weights.bin'));
      expect(() => loadClassifier(dir)).toThrow(/weights file .*weights.bin is missing/);
    });

    it('unknown kind, wrong format, bad spec, wrong shapes, paths outside the folder', () => {
      const dir = saved('edited');
      editJson(dir, (j) => ((j.spec as Record<string, unknown>).kind = 'vgg11'));
      expect(() => loadClassifier(dir)).toThrow(/unknown model kind "vgg11"/);
      const dir2 = saved('format');
      editJson(dir2, (j) => (j.format = 'keras'));
      expect(() => loadClassifier(dir2)).toThrow(
        /not a datapress-classifier model: format: .*expected "datapress-classifier"/,
      );
      const dir3 = saved('width');
      editJson(dir3, (j) => ((j.spec as Record<string, unknown>).width = 3));
      expect(() => loadClassifier(dir3)).toThrow(
        /weight 0 \(kernels\/0\) has shape \[3, 3, 1, 2\]; this resnet18 needs \[3, 3, 1, 3\]/,
      );
      const dir4 = saved('paths');
      editJson(dir4, (j) => ((j.weightsManifest as { paths: string[] }[])[0]!.paths = ['../x.bin']));
      expect(() => loadClassifier(dir4)).toThrow(/file name in the model folder/);
      const dir5 = saved('norm');
      editJson(dir5, (j) => (j.inputNorm = { mean: [0, 0], std: [1, 1] }));
      expect(() => loadClassifier(dir5)).toThrow(/inputNorm must have 1/);
      writeFileSync(join(dir5, 'model.json'), '{"format": ');
      expect(() => loadClassifier(dir5)).toThrow(/not valid JSON/);
    });
  });
});
