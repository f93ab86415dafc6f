/**
 * Builds the embedded sample dataset (resources/fashion-mnist-sample) from Debian's
 * dataset-fashion-mnist package: a seeded, class-balanced subset of 300 training and 100 test
 * images per class, written as gzipped IDX files with a classes.txt and the MIT licence notice.
 *
 *   node bin/run-ts.mjs scripts/make-sample.ts [--from /usr/share/datasets/fashion-mnist] [--train 300] [--test 100]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { readIdxDataset, type IdxSplit } from '../src/main/datasets/idx-dataset';
import { encodeIdx } from '../src/main/datasets/idx-reader';
import { createRng, shuffleInPlace } from '../src/shared/random';

const CLASS_NAMES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    out: { type: 'string', default: 'resources/fashion-mnist-sample' },
    train: { type: 'string', default: '300' },
    test: { type: 'string', default: '100' },
    seed: { type: 'string', default: '0' },
  },
});

const source = readIdxDataset(values.from);
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const rng = createRng(Number(values.seed));

function subset(
  split: IdxSplit,
  perClass: number,
): { images: Uint8Array; labels: Uint8Array; count: number } {
  const byClass = new Map<number, number[]>();
  split.labels.forEach((label, i) => {
    const list = byClass.get(label) ?? [];
    list.push(i);
    byClass.set(label, list);
  });
  // Keep the chosen images in their original file order so the subset reads like the source.
  const chosen = [...byClass.keys()]
    .sort((a, b) => a - b)
    .flatMap((c) => shuffleInPlace([...(byClass.get(c) as number[])], rng).slice(0, perClass))
    .sort((a, b) => a - b);
  const pixels = source.height * source.width;
  const images = new Uint8Array(chosen.length * pixels);
  const labels = new Uint8Array(chosen.length);
  chosen.forEach((index, i) => {
    images.set(split.images.subarray(index * pixels, (index + 1) * pixels), i * pixels);
    labels[i] = split.labels[index] as number;
  });
  return { images, labels, count: chosen.length };
}

const write = (name: string, dims: number[], data: Uint8Array) =>
  writeFileSync(join(out, name), gzipSync(encodeIdx(dims, data), { level: 9 }));

for (const [prefix, split, perClass] of [
  ['train', source.train, Number(values.train)],
  ['t10k', source.test, Number(values.test)],
] as const) {
  const s = subset(split, perClass);
  write(`${prefix}-images-idx3-ubyte.gz`, [s.count, source.height, source.width], s.images);
  write(`${prefix}-labels-idx1-ubyte.gz`, [s.count], s.labels);
  console.log(`${prefix}: ${s.count} images`);
}
writeFileSync(join(out, 'classes.txt'), CLASS_NAMES.join('\n') + '\n');
console.log(`wrote ${out}`);
