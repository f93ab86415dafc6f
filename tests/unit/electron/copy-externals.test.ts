import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
import { ASAR_UNPACK } from '../../../forge.config';
import { filesUnder, packagersAsar } from './packaging-asar';

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
      '@tensorflow/tfjs-node',
      '@tensorflow/tfjs-node-gpu',
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

  it('copy an installed tfjs-node-gpu with its binding and libtensorflow, and log the absent one', () => {
    const root = fakeProject();
    const nm = join(root, 'node_modules');
    pkg(root, {
      name: 'app',
      dependencies: { 'better-sqlite3': '1' },
      optionalDependencies: { '@tensorflow/tfjs-node': '4', '@tensorflow/tfjs-node-gpu': '4' },
    });
    const gpu = join(nm, '@tensorflow/tfjs-node-gpu');
    pkg(
      gpu,
      { name: '@tensorflow/tfjs-node-gpu', dependencies: { '@mapbox/node-pre-gyp': '1' } },
      {
        'lib/napi-v8/tfjs_binding.node': 'addon',
        'lib/napi-v8/tensorflow.dll': 'windows library',
        'deps/lib/libtensorflow.so.2.9.1': 'library',
        'deps/lib/libtensorflow_framework.2.dylib': 'mac library',
      },
    );
    // libtensorflow's soname links: the copy must hold the bytes, not a link out of the app.
    symlinkSync('libtensorflow.so.2.9.1', join(gpu, 'deps/lib/libtensorflow.so.2'));
    pkg(join(nm, '@mapbox/node-pre-gyp'), { name: '@mapbox/node-pre-gyp' });

    const lines: string[] = [];
    const buildPath = join(root, 'out-app');
    const copied = copyRuntimeExternals(root, buildPath, (line) => lines.push(line));
    expect(copied).toContain('node_modules/@tensorflow/tfjs-node-gpu');
    expect(copied).toContain('node_modules/@mapbox/node-pre-gyp');
    expect(lines[0]).toBe(
      'optional @tensorflow/tfjs-node is not installed here; the packaged app will not have it',
    );
    expect(lines.at(-1)).toMatch(/^copied 5 run-time packages into the app: .*@tensorflow\/tfjs-node-gpu/);
    const linked = join(buildPath, 'node_modules/@tensorflow/tfjs-node-gpu/deps/lib/libtensorflow.so.2');
    expect(lstatSync(linked).isFile()).toBe(true);
  });

  it("unpack every platform's native files of the copy from app.asar, with forge.config.ts's pattern", async () => {
    const root = fakeProject();
    const app = join(root, 'app');
    pkg(
      app,
      { name: 'app', main: '.vite/build/main.js' },
      {
        '.vite/build/main.js': 'js',
        'node_modules/a/addon.node': 'addon',
        'node_modules/a/lib/libx.so': 'linux',
        'node_modules/a/lib/libx.so.8.17.3': 'linux versioned',
        'node_modules/a/lib/libx.8.dylib': 'mac',
        'node_modules/a/lib/x-42.dll': 'windows',
        'node_modules/a/lib/index.js': 'js',
        'node_modules/a/lib/notes.so.txt': 'text',
      },
    );
    const asar = await packagersAsar(repo);
    await asar.createPackageWithOptions(app, join(root, 'app.asar'), { unpack: ASAR_UNPACK });
    expect(filesUnder(join(root, 'app.asar.unpacked')).sort()).toEqual([
      'node_modules/a/addon.node',
      'node_modules/a/lib/libx.8.dylib',
      'node_modules/a/lib/libx.so',
      'node_modules/a/lib/libx.so.8.17.3',
      'node_modules/a/lib/x-42.dll',
    ]);
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
