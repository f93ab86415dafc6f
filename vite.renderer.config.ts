import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The renderer: a static bundle loaded by Electron or served by the loopback bridge. */
export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: here('./.vite/renderer/main_window'),
    emptyOutDir: true,
    // No inline scripts or data: modules: the page runs under script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
