import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { classifyByExtension, normaliseClassName, sortByUtf8 } from './file-names';
import {
  errorCode,
  listFolder,
  nodeScanFs,
  skip,
  type FolderChild,
  type ListedChild,
  type ScanFs,
} from './list-folder';
import { sniffFormat, SNIFF_BYTES } from './sniff-format';
import type { FileEntry, FileListing, SkippedFile, SplitName } from './types';

export type { ScanFs } from './list-folder';

export interface ScanOptions {
  signal?: AbortSignal;
  /** Called now and then with the number of image files found so far. */
  onProgress?: (found: number) => void;
  /** For tests: the file system calls to use. */
  fs?: ScanFs;
}

const SPLIT_FOLDERS: Record<string, 'train' | 'test' | 'val'> = {
  train: 'train',
  training: 'train',
  test: 'test',
  testing: 'test',
  val: 'val',
  valid: 'val',
  validation: 'val',
};

interface Walk {
  fs: ScanFs;
  options: ScanOptions;
  entries: FileEntry[];
  skipped: SkippedFile[];
}

interface ClassFolder {
  folder: FolderChild;
  split: SplitName | null;
  relPath: string;
  ancestors: Set<string>;
}

/**
 * Lists an ImageFolder: one sub-folder per class (any depth below it belongs to it), or
 * top-level train/ and test/ (or val/) folders each holding class folders. Split mode applies
 * only when every visible top-level folder is a split name, so a class called "train" among
 * other classes stays a class. Only names and sizes are looked at here (plus the first bytes
 * of extension-less files); content is checked when each file is decoded.
 */
export async function scanImageFolder(root: string, options: ScanOptions = {}): Promise<FileListing> {
  const fs = options.fs ?? nodeScanFs;
  const absRoot = resolve(root);
  await checkRoot(fs, absRoot);
  const walk: Walk = { fs, options, entries: [], skipped: [] };
  const realRoot = await fs.realpath(absRoot);
  const top = await listRoot(fs, absRoot, realRoot);
  const dirs = top.filter((c): c is FolderChild => 'name' in c && c.realDir !== null);
  const splitMode = dirs.length > 0 && dirs.every((d) => SPLIT_FOLDERS[d.name.toLowerCase()] !== undefined);
  const classFolders: ClassFolder[] = [];
  if (splitMode) {
    reportNonFolders(walk, top);
    const hasTest = dirs.some((d) => SPLIT_FOLDERS[d.name.toLowerCase()] === 'test');
    for (const dir of dirs) {
      const kind = SPLIT_FOLDERS[dir.name.toLowerCase()];
      if (kind === 'val' && hasTest) {
        const why = 'both a test and a validation folder exist; the test folder is the test split';
        walk.skipped.push(skip(dir.path, 'unused-split', why));
        continue;
      }
      const split = kind === 'train' ? 'train' : 'test';
      const ancestors = new Set([realRoot, dir.realDir as string]);
      const children = await listOrSkip(walk, dir.path, ancestors);
      reportNonFolders(walk, children);
      for (const folder of foldersIn(children)) {
        classFolders.push({ folder, split, relPath: `${dir.name}/${folder.name}`, ancestors });
      }
    }
  } else {
    reportNonFolders(walk, top);
    for (const folder of dirs) {
      classFolders.push({ folder, split: null, relPath: folder.name, ancestors: new Set([realRoot]) });
    }
  }
  const counts: { folder: ClassFolder; className: string; count: number }[] = [];
  for (const cf of classFolders) {
    const className = normaliseClassName(cf.folder.name);
    const before = walk.entries.length;
    const ancestors = new Set([...cf.ancestors, cf.folder.realDir as string]);
    await walkClassFolder(walk, cf.folder.path, cf.relPath, className, cf.split, ancestors);
    counts.push({ folder: cf, className, count: walk.entries.length - before });
  }
  const classNames = sortByUtf8([...new Set(walk.entries.map((e) => e.className))], (c) => c);
  for (const { folder, className } of counts.filter((c) => c.count === 0)) {
    const detail = classNames.includes(className)
      ? `no usable image in this ${folder.split} folder; the class has images in another split`
      : `no usable image: class "${className}" is left out`;
    walk.skipped.push(skip(folder.folder.path, 'empty-class', detail));
  }
  options.onProgress?.(walk.entries.length);
  const entries = sortByUtf8(
    walk.entries,
    (e) => e.className,
    (e) => e.relPath,
  );
  return { format: 'folder', root: absRoot, baseDir: absRoot, classNames, entries, skipped: walk.skipped };
}

async function checkRoot(fs: ScanFs, absRoot: string): Promise<void> {
  let stats: Stats;
  try {
    stats = await fs.stat(absRoot);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ApiError('not_found', `dataset folder ${absRoot} does not exist`);
    }
    throw new ApiError('io_error', `cannot open dataset folder ${absRoot} (${code})`);
  }
  if (!stats.isDirectory()) {
    throw new ApiError(
      'invalid_data',
      `${absRoot} is not a folder; choose the folder that holds one sub-folder per class`,
    );
  }
}

async function listRoot(fs: ScanFs, absRoot: string, realRoot: string): Promise<ListedChild[]> {
  try {
    return await listFolder(fs, absRoot, new Set([realRoot]));
  } catch (error) {
    throw new ApiError('io_error', `cannot list dataset folder ${absRoot} (${errorCode(error)})`);
  }
}

/** A folder below the root that cannot be listed is reported, not fatal. */
async function listOrSkip(walk: Walk, dir: string, ancestors: ReadonlySet<string>): Promise<ListedChild[]> {
  if (walk.options.signal?.aborted) throw new ApiError('cancelled', 'folder scan cancelled');
  try {
    return await listFolder(walk.fs, dir, ancestors);
  } catch (error) {
    const code = errorCode(error);
    walk.skipped.push(
      skip(dir, code === 'ENOENT' ? 'vanished' : 'unreadable', `cannot list folder (${code})`),
    );
    return [];
  }
}

function foldersIn(children: readonly ListedChild[]): FolderChild[] {
  return children.filter((c): c is FolderChild => 'name' in c && c.realDir !== null);
}

/** Skip records as they are, and files where only folders belong. */
function reportNonFolders(walk: Walk, children: readonly ListedChild[]): void {
  for (const child of children) {
    if ('skipped' in child) walk.skipped.push(child.skipped);
    else if (child.realDir === null) {
      const why = 'images must be inside a class folder';
      walk.skipped.push(
        classifyFile(child.path, child.stats) ?? skip(child.path, 'outside-class-folder', why),
      );
    }
  }
}

async function walkClassFolder(
  walk: Walk,
  dir: string,
  relDir: string,
  className: string,
  split: SplitName | null,
  ancestors: ReadonlySet<string>,
): Promise<void> {
  for (const child of await listOrSkip(walk, dir, ancestors)) {
    if ('skipped' in child) {
      walk.skipped.push(child.skipped);
      continue;
    }
    const relPath = `${relDir}/${child.name}`;
    if (child.realDir !== null) {
      await walkClassFolder(
        walk,
        child.path,
        relPath,
        className,
        split,
        new Set([...ancestors, child.realDir]),
      );
      continue;
    }
    let skipped = classifyFile(child.path, child.stats);
    if (!skipped && classifyByExtension(child.name) === 'no-extension')
      skipped = await sniffUnnamed(walk.fs, child.path);
    if (skipped) {
      walk.skipped.push(skipped);
      continue;
    }
    walk.entries.push({ kind: 'file', path: child.path, relPath, className, split, bytes: child.stats.size });
    if (walk.entries.length % 1000 === 0) walk.options.onProgress?.(walk.entries.length);
  }
}

/** Skip reasons that a name and a stat decide; null when the file is worth decoding. */
function classifyFile(path: string, stats: Stats): SkippedFile | null {
  if (!stats.isFile()) return skip(path, 'unreadable', 'not a regular file');
  const kind = classifyByExtension(path);
  if (kind === 'other') return skip(path, 'not-an-image', 'no image file extension');
  if (kind === 'unsupported-image')
    return skip(path, 'unsupported-format', 'this image format cannot be decoded');
  if (stats.size === 0) return skip(path, 'zero-bytes');
  return null;
}

async function sniffUnnamed(fs: ScanFs, path: string): Promise<SkippedFile | null> {
  try {
    const format = sniffFormat(await fs.readHead(path, SNIFF_BYTES));
    return format === null
      ? skip(path, 'not-an-image', 'no extension and the content is not an image')
      : null;
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' ? skip(path, 'vanished') : skip(path, 'unreadable', code);
  }
}
