import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/*
 * The built main process in a throwaway app folder of its own (so that no two test files race
 * on .vite/build), booted with the fake electron by desktop-driver.mjs, one scenario per run.
 */

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const driver = fileURLToPath(new URL('./desktop-driver.mjs', import.meta.url));

/** Builds main.js (and the bundles beside it) into a new temp app folder; returns the folder. */
export async function buildApp(): Promise<string> {
  const app = mkdtempSync(join(tmpdir(), 'datapress-desktop-app-'));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'datapress', type: 'module', main: '.vite/build/main.js' }),
  );
  symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
  symlinkSync(join(repo, 'resources'), join(app, 'resources'), 'dir');
  for (const config of ['vite.main.config.ts', 'vite.preload.config.ts']) {
    await build({
      configFile: join(repo, config),
      logLevel: 'silent',
      mode: 'production',
      build: { outDir: join(app, '.vite/build'), sourcemap: false },
    });
  }
  return app;
}

/** A fresh user-data folder inside the app folder. */
export function newUserData(app: string, name: string): string {
  const dir = join(app, 'user-data', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs one scenario of desktop-scenarios.mjs in a new process; returns its report. */
export function runScenario<T>(
  app: string,
  scenario: string,
  userData: string,
  env: Record<string, string> = {},
): T {
  const run = spawnSync(process.execPath, [driver, join(app, '.vite/build/main.js'), scenario], {
    cwd: app,
    env: { ...process.env, ...env, DATAPRESS_USER_DATA: userData },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line)
    throw new Error(`${scenario} printed no report (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('REPORT '.length)) as T;
}

export function removeApp(app: string | undefined): void {
  if (app) rmSync(app, { recursive: true, force: true });
}
