import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../src/main/electron/security-policy';
import { findElectronBinary } from './electron-binary';

/*
 * Launches the built desktop app (no build here: `npm run build:electron` first) on a throwaway
 * data folder and checks the window, the sandbox and the IPC bridge end to end.
 */

const repo = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary();
// The list reporter shows a skip without its reason: say it once here.
if ('missing' in binary && !process.env.TEST_WORKER_INDEX)
  console.warn(`[electron smoke] skipped: ${binary.missing}`);

test.describe('desktop app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!('path' in binary)) return;
    for (const built of [
      '.vite/build/main.js',
      '.vite/build/preload.cjs',
      '.vite/renderer/main_window/index.html',
    ]) {
      if (!existsSync(join(repo, built)))
        throw new Error(`${built} is missing: run \`npm run build:electron\` first`);
    }
    userData = mkdtempSync(join(tmpdir(), 'datapress-electron-'));
    // The repo folder as the app: Electron reads package.json "main" (.vite/build/main.js).
    app = await _electron.launch({
      executablePath: binary.path,
      args: [repo],
      cwd: repo,
      env: { ...process.env, DATAPRESS_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens one window titled DataPress from app://', async () => {
    await expect(page).toHaveTitle('DataPress');
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe('app://datapress/index.html');
  });

  test('renders the projects list', async () => {
    await expect(page.getByTestId('projects-screen')).toBeVisible();
    await expect(page.getByTestId('no-projects')).toBeVisible();
  });

  test('exposes the datapress bridge and no Node', async () => {
    const globals = await page.evaluate(() => {
      const bridge = (window as unknown as { datapress?: Record<string, unknown> }).datapress;
      const scope = window as unknown as Record<string, unknown>;
      return {
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
      };
    });
    expect(globals).toEqual({
      bridgeKeys: ['onMessage', 'send'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  test('runs a real API call over IPC: creating a project lists it', async () => {
    await page.getByLabel('New project').fill('smoke');
    await page.getByTestId('create-project-form').locator('button[type="submit"]').click();
    // Creating opens the project at its first step; the Projects screen lists it.
    await expect(page.getByRole('heading', { level: 2, name: 'smoke' })).toBeVisible();
    await page.getByTestId('all-projects').click();
    await expect(page.getByTestId('project-item').filter({ hasText: 'smoke' })).toBeVisible();
    expect(existsSync(join(userData, 'projects', 'smoke'))).toBe(true);
  });

  test('opens the sample, runs a short job in a utility process and exports the set', async () => {
    test.setTimeout(180_000);
    await page.getByTestId('project-item').filter({ hasText: 'smoke' }).click();
    await expect(page.getByTestId('step-import')).toBeVisible();
    // The demo imports the bundled sample and trains in a job process; tiny settings keep it short.
    const demo = page.getByTestId('demo-form');
    await demo.getByLabel('Images per class (IPC)').fill('1');
    await demo.getByLabel('Model width').fill('8');
    await demo.getByLabel('Training images per class').fill('10');
    await demo.getByLabel('Also train on the full data for comparison').uncheck();
    await page.getByRole('button', { name: 'Start demo' }).click();
    await expect(page.getByTestId('demo-result')).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId('dataset-card')).toHaveCount(1);

    await page.getByTestId('step-link-export').click();
    const form = page.getByTestId('export-form');
    await expect(form.getByTestId('export-preview')).toContainText('Will write');
    const dir = join(userData, 'exported-set');
    await form.getByLabel('Export folder').fill(dir);
    await form.getByRole('button', { name: 'Export' }).click();
    const result = page.getByTestId('export-result');
    await expect(result).toContainText('Exported 10 images.');
    // The desktop app offers the file manager (the shell's showItemInFolder) after an export.
    await expect(result.getByTestId('export-show')).toBeVisible();
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'labels.csv'))).toBe(true);
  });

  test('serves the page with the strict CSP and cannot reach the network', async () => {
    const result = await page.evaluate(async () => {
      const own = await fetch(location.href);
      const outside = await fetch('https://example.com/').then(
        () => 'reached',
        () => 'blocked',
      );
      return { csp: own.headers.get('content-security-policy'), outside };
    });
    expect(result).toEqual({ csp: CONTENT_SECURITY_POLICY, outside: 'blocked' });
  });
});
