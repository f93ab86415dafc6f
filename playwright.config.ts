import { defineConfig } from '@playwright/test';

/**
 * Browser tests: the real Svelte UI (built by `npm run test:browser` first) in Debian's
 * Chromium, against the real Node side behind the loopback bridge (see tests/browser/global-setup.ts).
 */
export default defineConfig({
  testDir: './tests/browser',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './tests/browser/global-setup.ts',
  // One backend, one job at a time: tests run in order in a single worker.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
