import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import type { PathMove } from '../store/project-paths-rewrite';
import { DB_FILE } from '../store/project-store';

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Anything at `path`, a dangling symlink included: a rename must not land on it. */
export function pathTaken(path: string): boolean {
  return lstatOrNull(path) !== null;
}

/**
 * The folder of project `name`, checked before it is renamed or deleted: a real directory (not a
 * symlink, which could point anywhere) directly inside the workspace, holding a project database
 * that is a regular file. Anything else is refused, so these operations never act outside the
 * workspace.
 */
export function ownProjectFolder(workspace: string, name: string): string {
  const dir = join(workspace, name);
  const stat = lstatOrNull(dir);
  if (!stat) throw new ApiError('not_found', `project "${name}" does not exist in ${workspace}`);
  if (stat.isSymbolicLink())
    throw new ApiError(
      'conflict',
      `"${name}" is a symbolic link, not a project folder of the workspace; the app does not rename or delete through links`,
    );
  if (!stat.isDirectory() || !lstatOrNull(join(dir, DB_FILE))?.isFile())
    throw new ApiError('not_found', `"${name}" is not a datapress project (no ${DB_FILE} in ${dir})`);
  if (realpathSync(dir) !== join(realpathSync(workspace), name))
    throw new ApiError(
      'conflict',
      `${dir} resolves outside the workspace; the app does not rename or delete it`,
    );
  return dir;
}

/**
 * Every spelling under which the old folder may be stored in the database (the workspace as
 * given, resolved to an absolute path, with symlinks resolved: a CLI run and the app may have
 * named it differently), each paired with the new folder spelled the same way.
 */
export function folderSpellings(workspace: string, from: string, to: string): PathMove[] {
  const real = realpathSync(workspace);
  const moves: PathMove[] = [
    { from: join(workspace, from), to: join(workspace, to) },
    { from: resolve(workspace, from), to: resolve(workspace, to) },
    { from: join(real, from), to: join(real, to) },
  ];
  return moves.filter((m, i) => moves.findIndex((o) => o.from === m.from) === i);
}
