import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The two functions of @electron/asar the packaging tests use. */
export interface Asar {
  createPackageWithOptions(src: string, dest: string, options: { unpack?: string }): Promise<void>;
  listPackage(archive: string, options: { isPack: boolean }): string[];
}

/**
 * The @electron/asar that @electron/packager itself resolves (Forge packs app.asar through it),
 * not whichever copy happens to be hoisted.
 */
export async function packagersAsar(repo: string): Promise<Asar> {
  const fromPackager = createRequire(join(repo, 'node_modules/@electron/packager/package.json'));
  return (await import(pathToFileURL(fromPackager.resolve('@electron/asar')).href)) as Asar;
}

/** Every file below `dir`, relative to it (symlinks are not followed). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** Native code by file name: addons and shared libraries of every platform. */
export const NATIVE_FILE = /\.(node|so|dylib|dll)$|\.so\.\d/;
