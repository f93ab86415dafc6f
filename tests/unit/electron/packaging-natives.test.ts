import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import forgeConfig, { ASAR_UNPACK } from '../../../forge.config';
import { filesUnder, NATIVE_FILE, packagersAsar } from './packaging-asar';

/*
 * Forge's packaging step for real, as far as this machine allows: forge.config.ts's own
 * packageAfterCopy hook copies the run-time externals of this checkout into an empty folder (as it
 * does into the app's build path), the native modules are loaded from that copy alone, and the
 * copy is packed with the @electron/asar that Forge's packager uses, with the config's unpack
 * option. What cannot run here: Forge's rebuild of better-sqlite3 for Electron's ABI (it needs
 * Electron's headers from the network), and loading from inside app.asar (Electron's fs does that).
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const OPTIONAL_NATIVES = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

const installedHere = (name: string) => existsSync(join(repo, 'node_modules', name, 'package.json'));

let tmp: string;
let buildPath: string;
let logs: string[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'datapress-package-'));
  buildPath = join(tmp, 'app');
  const hook = forgeConfig.hooks?.packageAfterCopy;
  if (!hook) throw new Error('forge.config.ts has no packageAfterCopy hook');
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    // The hook reads only the build path; the rest is what Forge passes on this machine.
    type HookArgs = Parameters<typeof hook>;
    await hook(
      forgeConfig as unknown as HookArgs[0],
      buildPath,
      '45.5.0',
      process.platform as HookArgs[3],
      process.arch as HookArgs[4],
    );
    logs = log.mock.calls.map((call) => call.map(String).join(' '));
  } finally {
    log.mockRestore();
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('packageAfterCopy on this checkout', () => {
  it('copies better-sqlite3 with bindings and file-uri-to-path, and its compiled addon', () => {
    for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path'])
      expect(existsSync(join(buildPath, 'node_modules', name, 'package.json')), name).toBe(true);
    expect(existsSync(join(buildPath, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(
      true,
    );
    // Forge's rebuild compiles from these sources when no Electron prebuild is found.
    expect(existsSync(join(buildPath, 'node_modules/better-sqlite3/binding.gyp'))).toBe(true);
  });

  it('copies sharp with every @img platform package installed here (libvips included)', () => {
    const sharpPkg = JSON.parse(readFileSync(join(repo, 'node_modules/sharp/package.json'), 'utf8')) as {
      optionalDependencies: Record<string, string>;
    };
    const platformPackages = Object.keys(sharpPkg.optionalDependencies).filter(installedHere);
    expect(platformPackages.some((name) => name.includes('libvips'))).toBe(true);
    for (const name of ['sharp', 'detect-libc', ...platformPackages])
      expect(existsSync(join(buildPath, 'node_modules', name, 'package.json')), name).toBe(true);
  });

  it('copies the optional tfjs-node packages when installed, and says so when they are not', () => {
    for (const name of OPTIONAL_NATIVES) {
      const copied = existsSync(join(buildPath, 'node_modules', name, 'package.json'));
      expect(copied, name).toBe(installedHere(name));
      if (!copied)
        expect(logs).toContain(
          `[package] optional ${name} is not installed here; the packaged app will not have it`,
        );
    }
    expect(logs.at(-1)).toMatch(/^\[package\] copied \d+ run-time packages into the app: .*better-sqlite3/);
  });

  it('leaves out development-only packages and npm .bin folders', () => {
    for (const name of ['vitest', 'electron', 'vite', 'zod', 'ws', '.bin'])
      expect(existsSync(join(buildPath, 'node_modules', name)), name).toBe(false);
  });

  it('lets better-sqlite3 and sharp load and work from the copy alone', () => {
    const script = join(buildPath, 'load-natives.cjs');
    writeFileSync(
      script,
      `const Database = require('better-sqlite3');
const sharp = require('sharp');
const db = new Database(':memory:');
const sqlite = db.prepare('select sqlite_version() as v').get().v;
db.close();
sharp({ create: { width: 4, height: 3, channels: 3, background: '#336699' } }).png().toBuffer()
  .then((png) => sharp(png).metadata())
  .then((meta) => {
    const maps = process.platform === 'linux' ? require('fs').readFileSync('/proc/self/maps', 'utf8') : '';
    const loaded = [...new Set(maps.split('\\n').map((l) => l.split(/\\s+/)[5] || '').filter((p) => /\\.node$|libvips/.test(p)))];
    console.log(JSON.stringify({ sqlite, image: [meta.width, meta.height, meta.format],
      resolved: [require.resolve('better-sqlite3'), require.resolve('sharp')], loaded }));
  });
`,
    );
    const run = spawnSync(process.execPath, [script], {
      cwd: buildPath,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      sqlite: string;
      image: unknown[];
      resolved: string[];
      loaded: string[];
    };
    expect(result.sqlite).toMatch(/^3\.\d+/);
    expect(result.image).toEqual([4, 3, 'png']);
    for (const path of result.resolved) expect(path.startsWith(buildPath + sep), path).toBe(true);
    if (process.platform === 'linux') {
      expect(result.loaded.length).toBeGreaterThanOrEqual(3);
      for (const path of result.loaded) expect(path.startsWith(buildPath + sep), path).toBe(true);
    }
  });
});

describe("the copy packed as Forge's packager packs it", () => {
  it('puts every addon and shared library in app.asar.unpacked and the JavaScript in app.asar', async () => {
    const asar = await packagersAsar(repo);
    const archive = join(tmp, 'app.asar');
    expect(forgeConfig.packagerConfig?.asar).toEqual({ unpack: ASAR_UNPACK });
    await asar.createPackageWithOptions(buildPath, archive, { unpack: ASAR_UNPACK });

    const natives = filesUnder(buildPath).filter((file) => NATIVE_FILE.test(file));
    expect(natives.some((file) => file.endsWith('better_sqlite3.node'))).toBe(true);
    expect(natives.some((file) => file.includes('libvips'))).toBe(true);
    const unpacked = filesUnder(`${archive}.unpacked`);
    expect(unpacked.sort()).toEqual(natives.sort());

    const inside = asar.listPackage(archive, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    expect(inside).toContain('/node_modules/better-sqlite3/lib/index.js');
    expect(inside).toContain('/node_modules/sharp/package.json');
  }, 120_000);
});
