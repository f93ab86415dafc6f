import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { siblingTempPath } from '../fsutil/atomic-write';

/**
 * Where an export goes and how it gets there: everything is written into a hidden sibling
 * folder (`.<name>.partial-<pid>-<random>`) and renamed into place when complete. An existing
 * non-empty folder is never touched unless `replace` is set, and then only if it is an earlier
 * export (it holds a datapress manifest.json): it is renamed aside (`.<name>.old-<pid>-…`)
 * only after the new export is complete, the new one is renamed in, and the old one deleted;
 * if the rename in fails, the old one is put back.
 *
 * A process killed mid-export leaves its hidden sibling; the next export to the same target
 * removes partials of dead processes and puts back an old folder whose replacement never
 * arrived.
 */

export const MANIFEST_FORMAT = 'datapress-compressed-set';

/** What is at the target: nothing (or an empty folder), or an earlier export that may be replaced. */
export type TargetState = 'absent' | 'empty' | 'export';

function isExportFolder(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format?: unknown };
    return manifest.format === MANIFEST_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Refuses a target that cannot receive the export, before anything is written: a file, a
 * symbolic link, a non-empty folder (without `replace`), or a non-empty folder that is not an
 * earlier export (even with `replace`, so a mistyped path cannot delete someone's files).
 */
export function checkExportTarget(dir: string, options: { replace?: boolean } = {}): TargetState {
  let stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw fsError(error, dir, 'cannot inspect the export folder');
  }
  if (stats.isSymbolicLink()) {
    throw new ApiError('conflict', `export target ${dir} is a symbolic link; give the folder it points to`);
  }
  if (!stats.isDirectory()) throw new ApiError('conflict', `export target ${dir} exists and is not a folder`);
  if (readdirSync(dir).length === 0) return 'empty';
  if (!options.replace) {
    throw new ApiError(
      'conflict',
      `export folder ${dir} exists and is not empty; choose another folder, empty it, or replace it (--replace)`,
    );
  }
  if (!isExportFolder(dir)) {
    throw new ApiError(
      'conflict',
      `export folder ${dir} is not empty and is not an earlier datapress export (no datapress manifest.json); refusing to replace it`,
    );
  }
  return 'export';
}

const SIBLING = /^\.(.+)\.(partial|old)-(\d+)-[0-9a-f]+$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after an export to `dir` that was killed: deletes its partial folders and, when the
 * target is missing but an old folder was moved aside, puts the old folder back. Only siblings
 * of this target whose process is gone are touched. Returns what it did, for the log.
 */
export function recoverInterruptedExport(dir: string): string[] {
  const parent = dirname(dir);
  const name = basename(dir);
  const done: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return done;
  }
  const stale = entries
    .map((entry) => ({ entry, m: SIBLING.exec(entry) }))
    .filter(({ m }) => m !== null && m[1] === name && !processAlive(Number(m[3])))
    .map(({ entry, m }) => ({
      path: join(parent, entry),
      kind: (m as RegExpExecArray)[2] as 'partial' | 'old',
    }));
  for (const s of stale.filter((s) => s.kind === 'old')) {
    if (!existsSync(dir)) {
      renameSync(s.path, dir);
      done.push(`restored the earlier export from ${s.path}`);
    } else {
      rmSync(s.path, { recursive: true, force: true });
      done.push(`removed ${s.path} (left by an interrupted replace)`);
    }
  }
  for (const s of stale.filter((s) => s.kind === 'partial')) {
    rmSync(s.path, { recursive: true, force: true });
    done.push(`removed ${s.path} (left by an interrupted export)`);
  }
  return done;
}

export function newPartialFolder(dir: string): string {
  return siblingTempPath(dir, 'partial');
}

/**
 * Moves a complete export folder `temp` to `dir`. Checks the target again (someone may have
 * filled it while we wrote). Warnings do not make the export fail.
 */
export function placeExport(
  temp: string,
  dir: string,
  options: { replace?: boolean } = {},
): { replaced: boolean; warnings: string[] } {
  const state = checkExportTarget(dir, options);
  if (state !== 'export') {
    if (state === 'empty') rmdirSync(dir); // rename needs it gone on every platform
    renameSync(temp, dir);
    return { replaced: false, warnings: [] };
  }
  const aside = siblingTempPath(dir, 'old');
  renameSync(dir, aside);
  try {
    renameSync(temp, dir);
  } catch (error) {
    renameSync(aside, dir);
    throw error;
  }
  try {
    rmSync(aside, { recursive: true, force: true });
    return { replaced: true, warnings: [] };
  } catch (error) {
    const warning = `the earlier export was replaced but its old copy ${aside} could not be deleted: ${(error as Error).message}`;
    return { replaced: true, warnings: [warning] };
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

function freeSpace(dir: string): string {
  try {
    const s = statfsSync(dir);
    return ` (${formatBytes(Number(s.bavail) * Number(s.bsize))} free)`;
  } catch {
    return '';
  }
}

/** A file-system error as a message that says what to do about it. */
export function fsError(error: unknown, dir: string, what = 'export failed'): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const parent = dirname(dir);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const reason = code === 'EDQUOT' ? 'disk quota exceeded' : 'not enough space';
    return new ApiError(
      'io_error',
      `${reason} on the disk holding ${parent}${freeSpace(parent)}; nothing was exported to ${dir} (free some space or choose another disk)`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ApiError('io_error', `${what}: no permission to write in ${parent} (${code})`);
  }
  if (code === 'EROFS') return new ApiError('io_error', `${what}: ${parent} is on a read-only disk`);
  return new ApiError('io_error', `${what} (${dir}): ${(error as Error).message}`);
}
