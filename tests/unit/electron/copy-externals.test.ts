import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collectRuntimeClosure,
  copyRuntimeExternals,
  externalSeeds,
} from '../../../src/main/electron/build/copy-externals';
import { isRuntimeExternalPackage, mainProcessExternals } from '../../../src/main/electron/build/externals';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function pkg(dir: string, json: object, files: Record<string, string> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(json));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** A small npm tree: hoisted and nested packages, a missing optional, a .bin folder. */
function fakeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'datapress-externals-'));
  dirs.push(root);
  const nm = join(root, 'node_modules');
  pkg(root, {
    name: 'app',
    dependencies: { 'better-sqlite3': '1', zod: '4', '@tensorflow/tfjs': '4' },
    optionalDependencies: { '@tensorflow/tfjs-node': '4' },
  });
  pkg(
    join(nm, 'better-sqlite3'),
    { name: 'better-sqlite3', dependencies: { bindings: '1' } },
    {
      'build/Release/better_sqlite3.node': 'binary',
    },
  );
  pkg(join(nm, 'bindings'), { name: 'bindings', dependencies: { 'file-uri-to-path': '1' } });
  pkg(join(nm, 'file-uri-to-path'), { name: 'file-uri-to-path' });
  pkg(join(nm, '@tensorflow/tfjs'), {
    name: '@tensorflow/tfjs',
    dependencies: { long: '4' },
    optionalDependencies: { absent: '1' },
  });
  pkg(join(nm, '@tensorflow/tfjs/node_modules/long'), { name: 'long' });
  pkg(join(nm, 'long'), { name: 'long', version: 'hoisted, unused by tfjs' });
  pkg(join(nm, 'zod'), { name: 'zod' });
  pkg(join(nm, '.bin'), { name: 'not-a-package' });
  return root;
}

describe('run-time externals', () => {
  it('match package names and deep imports, nothing else', () => {
    expect(isRuntimeExternalPackage('better-sqlite3')).toBe(true);
    expect(isRuntimeExternalPackage('@tensorflow/tfjs-backend-wasm')).toBe(true);
    expect(isRuntimeExternalPackage('zod')).toBe(false);
    const patterns = mainProcessExternals();
    const external = (id: string) => patterns.some((p) => (typeof p === 'string' ? p === id : p.test(id)));
    for (const id of [
      'electron',
      'node:fs',
      'fs',
      'sharp',
      'better-sqlite3/lib/database.js',
      '@tensorflow/tfjs-core/dist/x',
    ]) {
      expect(external(id), id).toBe(true);
    }
    for (const id of ['zod', 'ws', 'sharpen', 'better-sqlite3-extra', './local'])
      expect(external(id), id).toBe(false);
  });

  it('collect the dependency closure with npm nesting respected', () => {
    const root = fakeProject();
    const { seeds, notInstalled } = externalSeeds(root);
    expect(seeds.sort()).toEqual(['@tensorflow/tfjs', 'better-sqlite3']);
    expect(notInstalled).toEqual(['@tensorflow/tfjs-node']);
    const closure = collectRuntimeClosure(root, seeds).map((p) => p.dir.slice(root.length + 1));
    expect(closure).toEqual([
      'node_modules/@tensorflow/tfjs',
      'node_modules/@tensorflow/tfjs/node_modules/long',
      'node_modules/better-sqlite3',
      'node_modules/bindings',
      'node_modules/file-uri-to-path',
    ]);
  });

  it('copy the closure into the packaged app', () => {
    const root = fakeProject();
    const buildPath = join(root, 'out-app');
    const copied = copyRuntimeExternals(root, buildPath);
    expect(copied).not.toContain('node_modules/@tensorflow/tfjs/node_modules/long');
    expect(existsSync(join(buildPath, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(
      true,
    );
    expect(existsSync(join(buildPath, 'node_modules/@tensorflow/tfjs/node_modules/long/package.json'))).toBe(
      true,
    );
    expect(existsSync(join(buildPath, 'node_modules/file-uri-to-path/package.json'))).toBe(true);
    expect(existsSync(join(buildPath, 'node_modules/zod'))).toBe(false);
    expect(existsSync(join(buildPath, 'node_modules/long'))).toBe(false);
  });

  it('fail loudly when a required dependency is missing', () => {
    const root = fakeProject();
    rmSync(join(root, 'node_modules/bindings'), { recursive: true });
    expect(() => collectRuntimeClosure(root, ['better-sqlite3'])).toThrow(/cannot find bindings/);
  });

  it('cover better-sqlite3, sharp and tfjs in this checkout', () => {
    const closure = collectRuntimeClosure(repo, externalSeeds(repo).seeds).map((p) => p.name);
    for (const name of [
      'better-sqlite3',
      'bindings',
      'file-uri-to-path',
      'sharp',
      'detect-libc',
      '@tensorflow/tfjs-core',
    ]) {
      expect(closure, name).toContain(name);
    }
  });
});
