import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isRuntimeExternalPackage } from './externals';

/*
 * Forge hook helper: copies the run-time external packages and everything they depend on from
 * the project's node_modules into the packaged app, keeping npm's layout (nested copies stay
 * nested). Forge's rebuild step then compiles the native ones for Electron.
 */

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface PackageLocation {
  name: string;
  /** Absolute folder of the installed package. */
  dir: string;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup: node_modules/<name> in `fromDir` and each parent, not above `rootDir`. */
export function findInstalledPackage(name: string, fromDir: string, rootDir: string): string | null {
  const root = resolve(rootDir);
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || !dir.startsWith(root + sep)) return null;
    dir = dirname(dir);
  }
}

/** The run-time externals the app's package.json declares and that are installed here. */
export function externalSeeds(projectDir: string): { seeds: string[]; notInstalled: string[] } {
  const pkg = readPackageJson(projectDir);
  const declared = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
  const seeds: string[] = [];
  const notInstalled: string[] = [];
  for (const name of declared.filter(isRuntimeExternalPackage)) {
    if (findInstalledPackage(name, projectDir, projectDir)) seeds.push(name);
    else if (name in (pkg.optionalDependencies ?? {})) notInstalled.push(name);
    else throw new Error(`${name} is a dependency of the app but is not installed: run npm install`);
  }
  return { seeds, notInstalled };
}

/**
 * Every installed package the seeds need at run time: dependencies (must be installed),
 * optional and peer dependencies (taken when installed).
 */
export function collectRuntimeClosure(projectDir: string, seeds: readonly string[]): PackageLocation[] {
  const found = new Map<string, PackageLocation>();
  const visit = (name: string, fromDir: string, required: boolean): void => {
    const dir = findInstalledPackage(name, fromDir, projectDir);
    if (!dir) {
      if (required)
        throw new Error(`cannot find ${name} (needed by ${relative(projectDir, fromDir) || 'the app'})`);
      return;
    }
    if (found.has(dir)) return;
    found.set(dir, { name, dir });
    const pkg = readPackageJson(dir);
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      visit(dep, dir, !(dep in (pkg.optionalDependencies ?? {})));
    }
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.peerDependencies ?? {})) visit(dep, dir, false);
  };
  for (const seed of seeds) visit(seed, projectDir, true);
  return [...found.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Copies the closure into `buildPath`; returns the package folders copied, relative. */
export function copyRuntimeExternals(
  projectDir: string,
  buildPath: string,
  log: (line: string) => void = () => {},
): string[] {
  const { seeds, notInstalled } = externalSeeds(projectDir);
  for (const name of notInstalled)
    log(`optional ${name} is not installed here; the packaged app will not have it`);
  const closure = collectRuntimeClosure(projectDir, seeds);
  const copied: string[] = [];
  for (const { dir } of closure) {
    const rel = relative(projectDir, dir);
    // A package nested inside one already copied came along with it.
    if (copied.some((parent) => rel.startsWith(parent + sep))) continue;
    cpSync(dir, join(buildPath, rel), {
      recursive: true,
      dereference: true,
      filter: (source) => !source.split(sep).includes('.bin'),
    });
    copied.push(rel);
  }
  log(`copied ${copied.length} run-time packages into the app: ${seeds.join(', ')} and their dependencies`);
  return copied;
}
