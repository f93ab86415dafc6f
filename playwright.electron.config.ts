import { defineConfig } from '@playwright/test';

/*
 * Electron smoke tests (Playwright `_electron`). They launch the already-built app
 * (`npm run build:electron` writes .vite/build and .vite/renderer) and skip, naming the reason,
 * where no Electron binary is installed.
 */
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
