import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { copyRuntimeExternals } from './src/main/electron/build/copy-externals';
import { MAIN_BUILD_ENTRIES } from './vite.main.config';

const projectDir = fileURLToPath(new URL('.', import.meta.url));
/** Icons made from resources/icons/icon.svg by `npm run icons`; absolute, whatever the cwd. */
const icon = (ext: '' | '.png' | '.ico' | '.icns') => join(projectDir, 'resources', 'icons', `icon${ext}`);
/** Who the Linux packages name as maintainer and Squirrel's NuGet package as authors (both required). */
const PUBLISHER = 'DataPress developers';

/**
 * Files unpacked beside app.asar: native code cannot be loaded from inside the archive. Addons
 * (.node) and the libraries they link by relative path (sharp's libvips, tfjs-node's
 * libtensorflow: .so / .so.N / .dylib / .dll) must sit together in app.asar.unpacked. @electron/asar
 * matches slash-free patterns against the file name (matchBase), so these cover every folder.
 * Forge's auto-unpack-natives plugin would only add a pattern for .node files, already covered
 * here, and its 8.x is on npm only as an alpha: not used.
 */
export const ASAR_UNPACK = '{*.node,*.so,*.so.[0-9]*,*.dylib,*.dll}';

/**
 * Security fuses flipped in the packaged Electron binary. Every fuse is set explicitly
 * (strictlyRequireAllFuses), so an Electron upgrade that adds one fails the package step until
 * someone decides its value. Exported for tests/unit/electron/security-policy.test.ts.
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // No ELECTRON_RUN_AS_NODE: the binary cannot be turned into a plain Node by its environment.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served on app://, so file:// pages need no special powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Default on; WebAssembly (the tfjs wasm backend) is faster with trap handlers.
  [FuseV1Options.WasmTrapHandlers]: true,
} as const;

const config: ForgeConfig = {
  packagerConfig: {
    name: 'DataPress',
    executableName: 'datapress',
    appBundleId: 'org.datapress.app',
    appCategoryType: 'public.app-category.productivity',
    // The packager adds .icns / .ico / .png by platform.
    icon: icon(''),
    asar: { unpack: ASAR_UNPACK },
    // The embedded sample dataset and the icons, found at run time under resourcesPath/resources.
    extraResource: ['resources'],
  },
  // Only better-sqlite3 is compiled from source; sharp ships Node-API prebuilds for Electron too.
  rebuildConfig: { onlyModules: ['better-sqlite3'], force: true },
  hooks: {
    // The Vite plugin packages only .vite/; the run-time externals (and their dependencies) are
    // copied in here, before Forge's rebuild step compiles native modules for Electron.
    packageAfterCopy: async (_forgeConfig, buildPath) => {
      copyRuntimeExternals(projectDir, buildPath, (line) => console.log(`[package] ${line}`));
    },
  },
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb(
      {
        options: {
          name: 'datapress',
          productName: 'DataPress',
          genericName: 'Dataset compression',
          categories: ['Science', 'Development'],
          icon: icon('.png'),
          bin: 'datapress',
          maintainer: PUBLISHER,
          section: 'science',
        },
      },
      ['linux'],
    ),
    new MakerRpm(
      {
        options: {
          name: 'datapress',
          productName: 'DataPress',
          genericName: 'Dataset compression',
          categories: ['Science', 'Development'],
          icon: icon('.png'),
          bin: 'datapress',
          license: 'MIT',
        },
      },
      ['linux'],
    ),
    new MakerSquirrel({ name: 'datapress', authors: PUBLISHER, setupIcon: icon('.ico') }, ['win32']),
    new MakerDMG({ icon: icon('.icns'), format: 'ULFO' }, ['darwin']),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: { ...MAIN_BUILD_ENTRIES }, config: 'vite.main.config.ts', target: 'main' },
        { entry: 'src/main/electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      // vite.renderer.config.ts plus a dev-server-only fix for the CSP meta tag (see there).
      renderer: [{ name: 'main_window', config: 'src/main/electron/build/vite.renderer.forge.config.ts' }],
    }),
    new FusesPlugin(FUSES),
  ],
};

export default config;
