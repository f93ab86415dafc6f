import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

/**
 * Where the `electron` npm package's binary is, without `require('electron')`: that call
 * downloads the binary when it is absent (a network fetch from GitHub) instead of answering.
 * The lookup mirrors node_modules/electron/index.js: path.txt names the executable inside dist/,
 * and ELECTRON_OVERRIDE_DIST_PATH replaces dist/.
 */
export function findElectronBinary(): ElectronBinary {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron npm package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, executable ?? 'electron')
    : executable
      ? join(packageDir, 'dist', executable)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate };
  return {
    missing:
      `Electron binary not present at ${candidate ?? join(packageDir, 'dist')}: the electron package downloads it from GitHub ` +
      'on first run (install-electron), which this machine cannot reach. Install it where GitHub is ' +
      'reachable (npx install-electron) or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
  };
}
