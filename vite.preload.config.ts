import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/*
 * The preload script: one self-contained CommonJS file (.vite/build/preload.cjs). A sandboxed
 * preload can neither be an ES module nor require files of its own, so everything it uses (the
 * wire schema, zod) is bundled in; only `electron` stays external.
 */
export default defineConfig({
  build: {
    outDir: here('./.vite/build'),
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    modulePreload: false,
    rollupOptions: {
      input: { preload: here('./src/main/electron/preload.ts') },
      external: ['electron', /^electron\//],
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        inlineDynamicImports: true,
      },
    },
  },
  clearScreen: false,
});
