import type { Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { decodeName, describeInvalidName, isHiddenName } from './file-names';
import type { SkipReason, SkippedFile } from './types';

/** The file system calls the folder scanner makes; tests substitute them to stage races. */
export interface ScanFs {
  readdir(path: string, options: { encoding: 'buffer' }): Promise<Buffer[]>;
  lstat(path: string): Promise<Stats>;
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  readHead(path: string, bytes: number): Promise<Uint8Array>;
}

export const nodeScanFs: ScanFs = {
  readdir: (path, options) => fsp.readdir(path, options),
  lstat: (path) => fsp.lstat(path),
  stat: (path) => fsp.stat(path),
  realpath: (path) => fsp.realpath(path),
  async readHead(path, bytes) {
    const handle = await fsp.open(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
};

/** A visible child of a folder; `realDir` is set for folders (reached through links or not). */
export interface FolderChild {
  name: string;
  path: string;
  stats: Stats;
  realDir: string | null;
}

export type ListedChild = FolderChild | { skipped: SkippedFile };

/** Children looked at in parallel within one folder (stat calls are I/O-bound). */
const PARALLEL_STATS = 64;

export function skip(path: string, reason: SkipReason, detail?: string): SkippedFile {
  return detail === undefined ? { path, reason } : { path, reason, detail };
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * A folder's children in byte order of their names, stat'ed through symbolic links. Hidden
 * names, invalid UTF-8 names, broken links and loops come back as skip records; a folder whose
 * real path is already among `ancestors` is a loop. Throws only when the folder itself cannot
 * be listed.
 */
export async function listFolder(
  fs: ScanFs,
  dir: string,
  ancestors: ReadonlySet<string>,
): Promise<ListedChild[]> {
  const names = await fs.readdir(dir, { encoding: 'buffer' });
  names.sort(Buffer.compare);
  const children: ListedChild[] = [];
  for (let i = 0; i < names.length; i += PARALLEL_STATS) {
    const batch = names.slice(i, i + PARALLEL_STATS);
    children.push(...(await Promise.all(batch.map((raw) => inspect(fs, dir, raw, ancestors)))));
  }
  return children;
}

async function inspect(
  fs: ScanFs,
  dir: string,
  raw: Buffer,
  ancestors: ReadonlySet<string>,
): Promise<ListedChild> {
  const name = decodeName(raw);
  if (name === null) {
    const { shown, hex } = describeInvalidName(raw);
    return { skipped: skip(join(dir, shown), 'invalid-utf8-name', `name bytes (hex): ${hex}`) };
  }
  const path = join(dir, name);
  if (isHiddenName(name)) return { skipped: skip(path, 'hidden') };
  let stats: Stats;
  try {
    stats = await fs.lstat(path);
  } catch (error) {
    const code = errorCode(error);
    return { skipped: code === 'ENOENT' ? skip(path, 'vanished') : skip(path, 'unreadable', code) };
  }
  if (stats.isSymbolicLink()) {
    try {
      stats = await fs.stat(path);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP')
        return { skipped: skip(path, 'symlink-loop', 'the symbolic link leads back to itself') };
      if (code === 'ENOENT') return { skipped: skip(path, 'unreadable', 'broken symbolic link') };
      return { skipped: skip(path, 'unreadable', code) };
    }
  }
  if (!stats.isDirectory()) return { name, path, stats, realDir: null };
  let realDir: string;
  try {
    realDir = await fs.realpath(path);
  } catch (error) {
    const code = errorCode(error);
    return { skipped: code === 'ENOENT' ? skip(path, 'vanished') : skip(path, 'unreadable', code) };
  }
  if (ancestors.has(realDir)) return { skipped: skip(path, 'symlink-loop', `leads back to ${realDir}`) };
  return { name, path, stats, realDir };
}
