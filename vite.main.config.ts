import { fileURLToPath } from 'node:url';
import { defineConfig, type ConfigEnv, type UserConfig } from 'vite';
import { mainProcessExternals } from './src/main/electron/build/externals';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Entries of the main-process build: the app and the job process it forks. */
export const MAIN_BUILD_ENTRIES = {
  main: 'src/main/electron/main.ts',
  'job-worker': 'src/main/jobs/worker-entry.ts',
  // The second training replica (data-parallel wasm training) runs in a worker thread.
  'replica-worker': 'src/main/ml/parallel/replica-worker.ts',
  // The benchmark runner's task threads (independent training runs side by side).
  'task-worker': 'src/main/bench/task-worker.ts',
} as const;

/*
 * Electron main process + job worker, as ES modules (package.json is "type": "module", and the
 * Node side is written and tested as ESM under tsx; Electron ≥ 28 runs ESM in the main and
 * utility processes). Output: .vite/build/main.js and .vite/build/job-worker.js.
 *
 * Works both under Electron Forge's Vite plugin (which merges its defaults into this) and as a
 * plain `vite build --config vite.main.config.ts`, which then defines Forge's globals itself.
 */
export default defineConfig((env: ConfigEnv): UserConfig => {
  const underForge = 'forgeConfig' in env;
  return {
    build: {
      outDir: here('./.vite/build'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: Object.fromEntries(
          Object.entries(MAIN_BUILD_ENTRIES).map(([name, path]) => [name, here(`./${path}`)]),
        ),
        formats: ['es'],
        fileName: (_format, entryName) => `${entryName}.js`,
      },
      rollupOptions: {
        external: mainProcessExternals(),
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
    // Resolve packages as Node does: never a package's "browser" build.
    resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
    define: underForge
      ? {}
      : {
          MAIN_WINDOW_VITE_DEV_SERVER_URL: 'undefined',
          MAIN_WINDOW_VITE_NAME: JSON.stringify('main_window'),
        },
    clearScreen: false,
  };
});
