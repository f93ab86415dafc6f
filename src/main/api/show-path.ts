import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, relative, isAbsolute } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';

/** The desktop shell's file-manager and default-app calls; absent in the browser and the CLI. */
export interface PathShower {
  showInFolder(path: string): void;
  openFile(path: string): Promise<void>;
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Checks what the renderer asks the shell to show. Showing an existing path in the file manager
 * is harmless; opening one hands it to another program, so that is limited to HTML reports inside
 * the workspace (resolved through symlinks), never an arbitrary file the page names.
 */
export async function showPath(
  shower: PathShower | undefined,
  workspace: string,
  path: string,
  how: 'folder' | 'open',
): Promise<{ shown: string }> {
  if (!shower)
    throw new ApiError('unsupported', 'showing files needs the desktop app: the path is shown instead');
  if (!existsSync(path)) throw new ApiError('not_found', `${path} does not exist (was it moved or deleted?)`);
  const real = realpathSync(path);
  if (how === 'folder') {
    shower.showInFolder(real);
    return { shown: real };
  }
  if (!statSync(real).isFile() || extname(real).toLowerCase() !== '.html')
    throw new ApiError('bad_request', `only an HTML report can be opened, not ${path}`);
  if (!inside(realpathSync(workspace), real))
    throw new ApiError('bad_request', `only reports inside the workspace can be opened, not ${path}`);
  await shower.openFile(real);
  return { shown: real };
}
