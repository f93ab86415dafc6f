import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../../src/main/datasets/idx-reader';

/**
 * Writes a small IDX dataset: `perClass` images per class and split, each image filled with a
 * value that encodes its class and index so tests can tell images apart.
 */
export function writeIdxFixture(
  dir: string,
  opts: { classes: number; trainPerClass: number; testPerClass: number; size?: number; names?: string[] },
): void {
  const size = opts.size ?? 8;
  mkdirSync(dir, { recursive: true });
  for (const [prefix, perClass] of [
    ['train', opts.trainPerClass],
    ['t10k', opts.testPerClass],
  ] as const) {
    const n = opts.classes * perClass;
    const images = new Uint8Array(n * size * size);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % opts.classes;
      labels[i] = label;
      for (let p = 0; p < size * size; p++) images[i * size * size + p] = (label * 40 + i * 7 + p) % 256;
    }
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(encodeIdx([n, size, size], images)));
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte`), encodeIdx([n], labels));
  }
  if (opts.names) writeFileSync(join(dir, 'classes.txt'), opts.names.join('\n'));
}
