import { basename, resolve } from 'node:path';
import { readIdxDataset, type IdxSplit } from '../idx-dataset';
import type { EmbeddedEntry, EmbeddedListing } from './types';

/**
 * An IDX folder (see idx-dataset.ts) in the same listing shape as the other readers, so the
 * import job has one loop for every format. Train records come first, then test.
 */
export function readIdxSource(dir: string): EmbeddedListing {
  const root = resolve(dir);
  const source = readIdxDataset(root);
  const bytes = source.height * source.width;
  const pixels = new Uint8Array((source.train.count + source.test.count) * bytes);
  const entries: EmbeddedEntry[] = [];
  const add = (split: IdxSplit, name: 'train' | 'test'): void => {
    const file = basename(split.imagesFile);
    pixels.set(split.images.subarray(0, split.count * bytes), entries.length * bytes);
    for (let record = 0; record < split.count; record++) {
      const label = split.labels[record] as number;
      entries.push({
        kind: 'embedded',
        path: split.imagesFile,
        relPath: `${file}#${record}`,
        record,
        className: source.classNames[label] ?? String(label),
        split: name,
        bytes,
        offset: entries.length * bytes,
        height: source.height,
        width: source.width,
        channels: 1,
      });
    }
  };
  add(source.train, 'train');
  add(source.test, 'test');
  const used = new Set(entries.map((e) => e.className));
  return {
    format: 'idx',
    root,
    baseDir: root,
    classNames: source.classNames.filter((n) => used.has(n)),
    entries,
    skipped: [],
    height: source.height,
    width: source.width,
    channels: 1,
    pixels,
  };
}
