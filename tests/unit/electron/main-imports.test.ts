import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * What the desktop app's main process loads: the static import graph of
 * src/main/electron/main.ts (at start-up), and with dynamic imports and require() calls (what it
 * could load on demand). Tensor work and the native TensorFlow.js backends belong to job
 * processes; app.backend asks one (jobs/backend-probe.ts), and the Augment step's preview crops
 * in plain JS (ml/augment/preview-js.ts).
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'src/main/electron/main.ts';

let graph: Map<string, { path: string; external: boolean; onDemand: boolean }[]>;

beforeAll(async () => {
  const result = await build({
    entryPoints: [ENTRY],
    absWorkingDir: repo,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    // Every package stays outside: only which ones are imported matters here.
    packages: 'external',
    define: { MAIN_WINDOW_VITE_DEV_SERVER_URL: 'undefined', MAIN_WINDOW_VITE_NAME: '"main_window"' },
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  graph = new Map(
    Object.entries(inputs).map(([file, input]) => [
      file,
      input.imports.map((i) => ({
        path: i.path,
        external: i.external === true,
        onDemand: i.kind !== 'import-statement',
      })),
    ]),
  );
}, 60_000);

/** Every path from the entry to a module matching `target`: static only, or also on demand. */
function routes(target: RegExp, { onDemand = false } = {}): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) {
      if (next.onDemand && !onDemand) continue;
      if (target.test(next.path)) found.push([...path, file, next.path]);
      else if (!next.external) walk(next.path, [...path, file]);
    }
  };
  walk(ENTRY, []);
  return found;
}

describe('the main process at start-up', () => {
  it('never loads the native or wasm TensorFlow.js backends, nor the backend chooser', () => {
    expect(routes(/@tensorflow\/tfjs-(node|node-gpu|backend-wasm)|src\/main\/ml\/backend\.ts$/)).toEqual([]);
  });

  it('never reaches TensorFlow.js, not even the pure-JS @tensorflow/tfjs', () => {
    expect(routes(/^better-sqlite3$/)).not.toEqual([]); // the graph is really walked
    expect(routes(/^@tensorflow\//)).toEqual([]);
    // The API's handlers are in that graph (the Augment step's preview among them).
    expect(routes(/src\/main\/api\/augment-handlers\.ts$/)).not.toEqual([]);
  });

  it('does not load TensorFlow.js on demand either (no dynamic import or require reaches it)', () => {
    expect(routes(/^@tensorflow\/|src\/main\/ml\/backend\.ts$/, { onDemand: true })).toEqual([]);
  });

  it('does not reach the job kinds or the worker loop', () => {
    expect(routes(/src\/main\/jobs\/(kinds\/|worker-)/)).toEqual([]);
  });
});
