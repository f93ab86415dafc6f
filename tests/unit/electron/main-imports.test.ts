import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * What the desktop app's main process loads at start-up: the static import graph of
 * src/main/electron/main.ts (dynamic imports excluded: they load on demand). Tensor work and the
 * native TensorFlow.js backends belong to job processes; app.backend asks one
 * (jobs/backend-probe.ts).
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'src/main/electron/main.ts';

/**
 * Known, and to be removed by its owner: the API's benchmark estimate reads teacher paths from
 * training/teacher-store.ts, which also imports the training loop, so the pure-JS
 * @tensorflow/tfjs (no native code, no tensor work at start-up) is loaded with the main process.
 * Any other static route to TensorFlow.js fails this test.
 */
const KNOWN_ROUTES_TO_TFJS = ['src/main/training/teacher-store.ts'];

let graph: Map<string, { path: string; external: boolean }[]>;

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
      input.imports
        .filter((i) => i.kind === 'import-statement')
        .map((i) => ({ path: i.path, external: i.external === true })),
    ]),
  );
}, 60_000);

/** Every static path from the entry to a module matching `target` that avoids `avoid`. */
function routes(target: RegExp, avoid: readonly string[] = []): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, path: string[]) => {
    if (seen.has(file) || avoid.includes(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) {
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

  it('reaches TensorFlow.js only by the known route', () => {
    expect(routes(/^better-sqlite3$/)).not.toEqual([]); // the graph is really walked
    expect(routes(/^@tensorflow\//, KNOWN_ROUTES_TO_TFJS)).toEqual([]);
  });

  it('does not reach the job kinds or the worker loop', () => {
    expect(routes(/src\/main\/jobs\/(kinds\/|worker-)/)).toEqual([]);
  });
});
