import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import forgeConfig, { ASAR_UNPACK } from '../../../forge.config';
import { icnsEntries, icoEntries, pngSize } from './packaging-icon-files';

/*
 * Reads forge.config.ts's real exported configuration (what `electron-forge make` loads, which
 * this machine cannot run: Forge 8's CLI needs Node 22 and Electron's binary comes from GitHub)
 * and fails when an installer, its platforms, an icon or a packaging option goes missing.
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  main: string;
  devDependencies: Record<string, string>;
};

/** What Forge itself uses of a maker (MakerBase): its name, platforms and prepared config. */
interface MakerLike {
  name: string;
  platforms: string[];
  config: unknown;
  prepareConfig(arch: string): Promise<void>;
}

function isMaker(value: unknown): value is MakerLike {
  const maker = value as Partial<MakerLike> | null;
  return typeof maker?.name === 'string' && typeof maker.prepareConfig === 'function';
}

async function makers(): Promise<Map<string, MakerLike>> {
  const found = new Map<string, MakerLike>();
  for (const maker of forgeConfig.makers ?? []) {
    if (!isMaker(maker)) throw new Error('a maker that is not a MakerBase instance');
    await maker.prepareConfig('x64');
    found.set(maker.name, maker);
  }
  return found;
}

/** Every string in a maker config under a key that names an icon, however deep. */
function iconPaths(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /icon/i.test(key) ? [value] : [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([name, inner]) => iconPaths(inner, name));
  return [];
}

describe('forge.config.ts makers', () => {
  it('build zip everywhere, deb and rpm on Linux, Squirrel on Windows, dmg on macOS', async () => {
    const found = await makers();
    const platforms = Object.fromEntries(
      [...found].map(([name, maker]) => [name, [...maker.platforms].sort()]),
    );
    expect(platforms).toEqual({
      zip: ['darwin', 'linux', 'win32'],
      deb: ['linux'],
      rpm: ['linux'],
      squirrel: ['win32'],
      dmg: ['darwin'],
    });
  });

  it('come from installed packages of the same Forge', () => {
    for (const name of ['maker-zip', 'maker-deb', 'maker-rpm', 'maker-squirrel', 'maker-dmg']) {
      const pkg = `@electron-forge/${name}`;
      expect(packageJson.devDependencies[pkg], pkg).toMatch(/^\^?8\./);
      expect(existsSync(join(repo, 'node_modules', pkg, 'package.json')), pkg).toBe(true);
    }
  });

  it('name icons that exist, in the format each installer reads', async () => {
    const found = await makers();
    const named = [...found.values()].flatMap((maker) => iconPaths(maker.config));
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const path of named) {
      expect(isAbsolute(path), path).toBe(true);
      expect(existsSync(path), path).toBe(true);
    }
    const config = (name: string) => found.get(name)?.config as Record<string, Record<string, unknown>>;
    expect(config('deb').options?.icon).toMatch(/icon\.png$/);
    expect(config('rpm').options?.icon).toMatch(/icon\.png$/);
    expect(config('squirrel').setupIcon).toMatch(/icon\.ico$/);
    expect(config('dmg').icon).toMatch(/icon\.icns$/);
  });

  it('fill the fields the installers refuse to build without', async () => {
    const found = await makers();
    const config = (name: string) => found.get(name)?.config as Record<string, Record<string, unknown>>;
    expect(config('deb').options).toMatchObject({
      name: 'datapress',
      bin: 'datapress',
      maintainer: expect.any(String),
    });
    expect(config('rpm').options).toMatchObject({ name: 'datapress', bin: 'datapress', license: 'MIT' });
    // NuGet refuses a package without authors; package.json has no author to default to.
    expect(config('squirrel')).toMatchObject({ name: 'datapress', authors: expect.any(String) });
    expect(config('squirrel').name).toMatch(/^[A-Za-z0-9.]+$/);
  });
});

describe('resources/icons', () => {
  const icons = join(repo, 'resources/icons');

  it('hold a 512×512 PNG for Linux', () => {
    expect(pngSize(readFileSync(join(icons, 'icon.png')))).toEqual({ width: 512, height: 512 });
  });

  it('hold an ICO with every Windows size up to 256, each entry a PNG of its size', () => {
    const entries = icoEntries(readFileSync(join(icons, 'icon.ico')));
    expect(entries.map((entry) => entry.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries)
      expect(pngSize(entry.png), `${entry.size}`).toEqual({ width: entry.size, height: entry.size });
  });

  it('hold an ICNS with the macOS sizes 16 to 1024 (and @2x), each a PNG of its size', () => {
    const entries = icnsEntries(readFileSync(join(icons, 'icon.icns')));
    const sizes: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
    };
    expect(entries.map((entry) => entry.type)).toEqual(Object.keys(sizes));
    for (const entry of entries) {
      const size = sizes[entry.type] ?? 0;
      expect(pngSize(entry.png), entry.type).toEqual({ width: size, height: size });
    }
  });
});

describe('forge.config.ts packager options', () => {
  const packager = forgeConfig.packagerConfig ?? {};

  it('name the app and its executable, with the platform icons beside the base path', () => {
    expect(packager).toMatchObject({
      name: 'DataPress',
      executableName: 'datapress',
      appBundleId: 'org.datapress.app',
    });
    const base = packager.icon as string;
    expect(isAbsolute(base)).toBe(true);
    for (const ext of ['.png', '.ico', '.icns']) expect(existsSync(`${base}${ext}`), ext).toBe(true);
  });

  it('pack into asar with native code unpacked, and ship the resources folder', () => {
    expect(packager.asar).toEqual({ unpack: ASAR_UNPACK });
    for (const pattern of ['*.node', '*.so', '*.so.[0-9]*', '*.dylib', '*.dll'])
      expect(ASAR_UNPACK).toContain(pattern);
    expect(packager.prune).not.toBe(false);
    expect(packager.extraResource).toEqual(['resources']);
    expect(existsSync(join(repo, 'resources/fashion-mnist-sample'))).toBe(true);
  });

  it('rebuild better-sqlite3 for Electron after the externals are copied in', () => {
    expect(forgeConfig.rebuildConfig).toMatchObject({ onlyModules: ['better-sqlite3'], force: true });
    expect(typeof forgeConfig.hooks?.packageAfterCopy).toBe('function');
  });

  it('builds main, preload and the main_window renderer with the Vite plugin', () => {
    const vite = forgeConfig.plugins?.find((plugin) => (plugin as { name?: string }).name === 'vite') as
      | {
          config: {
            build: { entry: unknown; config: string; target?: string }[];
            renderer: { name: string; config: string }[];
          };
        }
      | undefined;
    expect(vite).toBeDefined();
    const { build, renderer } = vite!.config;
    expect(build).toContainEqual({
      entry: {
        main: 'src/main/electron/main.ts',
        'job-worker': 'src/main/jobs/worker-entry.ts',
        'replica-worker': 'src/main/ml/parallel/replica-worker.ts',
        'task-worker': 'src/main/bench/task-worker.ts',
      },
      config: 'vite.main.config.ts',
      target: 'main',
    });
    expect(build).toContainEqual({
      entry: 'src/main/electron/preload.ts',
      config: 'vite.preload.config.ts',
      target: 'preload',
    });
    expect(renderer).toEqual([
      { name: 'main_window', config: 'src/main/electron/build/vite.renderer.forge.config.ts' },
    ]);
  });

  it('leave only .vite/ to the Vite plugin, which is why the hook copies the externals', async () => {
    expect(packageJson.main).toBe('.vite/build/main.js');
    const vite = forgeConfig.plugins?.find((plugin) => (plugin as { name?: string }).name === 'vite') as
      | { getHooks(): { resolveForgeConfig?: (config: typeof forgeConfig) => Promise<typeof forgeConfig> } }
      | undefined;
    const resolved = await vite?.getHooks().resolveForgeConfig?.({
      ...forgeConfig,
      packagerConfig: { ...packager },
    });
    const ignore = resolved?.packagerConfig?.ignore as ((file: string) => boolean) | undefined;
    expect(ignore?.('/.vite/build/main.js')).toBe(false);
    expect(ignore?.('/node_modules/better-sqlite3')).toBe(true);
    expect(resolved?.packagerConfig?.asar).toEqual({ unpack: ASAR_UNPACK });
  });
});
