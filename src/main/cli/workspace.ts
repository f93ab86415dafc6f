import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where projects live when --project is not given: $DATAPRESS_HOME or the XDG data folder. */
export function defaultWorkspace(): string {
  if (process.env.DATAPRESS_HOME) return resolve(process.env.DATAPRESS_HOME, 'projects');
  const data = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'datapress', 'projects');
}

/** --project DIR names a project folder: its parent is the workspace, its name the project. */
export function resolveProject(projectOption: string | undefined): { workspace: string; name: string } {
  const dir = projectOption ? resolve(projectOption) : join(defaultWorkspace(), 'default');
  return { workspace: dirname(dir), name: basename(dir) };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const RESOURCES_DIR = join(repoRoot, 'resources');
export const RENDERER_DIR = join(repoRoot, '.vite', 'renderer', 'main_window');
