import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside `target`, so the final rename stays on one file system. */
export function siblingTempPath(target: string, tag = 'tmp'): string {
  return join(
    dirname(target),
    `.${basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * Writes a file so that readers see either the old content or the whole new content, never a
 * part: write a sibling temp file, fsync it, rename it over the target.
 */
export function writeFileAtomic(target: string, chunks: Uint8Array | Uint8Array[]): void {
  const temp = siblingTempPath(target);
  const fd = openSync(temp, 'wx');
  try {
    for (const chunk of Array.isArray(chunks) ? chunks : [chunks]) {
      let offset = 0;
      while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset);
    }
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
