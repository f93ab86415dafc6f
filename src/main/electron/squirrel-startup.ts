import { spawn } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';

/**
 * The Windows installer (Squirrel) runs the app with --squirrel-* flags on install, update and
 * uninstall; the app must create or remove its shortcuts and quit at once instead of opening a
 * window. Returns true when this run is such a call (what electron-squirrel-startup does, without
 * the dependency).
 */
export function handleSquirrelEvent(
  quit: () => void,
  platform = process.platform,
  argv = process.argv,
): boolean {
  if (platform !== 'win32') return false;
  const command = argv[1];
  const target = basename(process.execPath);
  const updateExe = resolve(dirname(process.execPath), '..', 'Update.exe');
  const run = (args: string[]) => {
    try {
      spawn(updateExe, args, { detached: true }).on('close', quit).on('error', quit);
    } catch {
      quit();
    }
  };
  switch (command) {
    case '--squirrel-install':
    case '--squirrel-updated':
      run([`--createShortcut=${target}`]);
      return true;
    case '--squirrel-uninstall':
      run([`--removeShortcut=${target}`]);
      return true;
    case '--squirrel-obsolete':
      quit();
      return true;
    default:
      return false;
  }
}
