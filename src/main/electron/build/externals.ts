import { builtinModules } from 'node:module';

/*
 * What the main-process bundles leave as run-time imports instead of bundling, and therefore what
 * forge.config.ts must copy into the packaged app's node_modules (the Vite plugin packages only
 * the .vite build folder). Native addons cannot be bundled; the tfjs packages read their own
 * files (wasm binaries, native bindings) at run time.
 */

export const RUNTIME_EXTERNAL_PACKAGES: readonly string[] = ['better-sqlite3', 'sharp'];
export const RUNTIME_EXTERNAL_SCOPES: readonly string[] = ['@tensorflow/'];

/** True for a package name (not a deep import path) that stays external at run time. */
export function isRuntimeExternalPackage(name: string): boolean {
  return (
    RUNTIME_EXTERNAL_PACKAGES.includes(name) ||
    RUNTIME_EXTERNAL_SCOPES.some((scope) => name.startsWith(scope))
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Rollup `external` for the main and worker bundles: Electron, every Node builtin (bare and
 * node:), and the run-time packages above with any deep import path. Strings and RegExps only,
 * so Forge can merge it with its own list.
 */
export function mainProcessExternals(): (string | RegExp)[] {
  return [
    'electron',
    /^electron\//,
    /^node:/,
    ...builtinModules,
    ...RUNTIME_EXTERNAL_PACKAGES.map((name) => new RegExp(`^${escape(name)}(?:/.*)?$`)),
    ...RUNTIME_EXTERNAL_SCOPES.map((scope) => new RegExp(`^${escape(scope)}`)),
  ];
}
