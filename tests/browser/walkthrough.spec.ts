import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { createProject, expect, test, uniqueProjectName, type StepId } from './fixtures';

/**
 * The whole path a newcomer takes, through the UI alone: a folder of images → import wizard →
 * prune (score, select, inspect) → combine → augment → train & evaluate → benchmark → export,
 * then the files on disk. Moves between steps with the keyboard (Next, Enter) and checks focus;
 * runs axe's WCAG A/AA rules on every step in the light and the dark theme. With
 * DATAPRESS_SCREENSHOTS=<dir> it also saves every step in both themes (docs/screenshots/).
 */

const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));
const SHOTS = process.env.DATAPRESS_SCREENSHOTS;
const PER_CLASS = 100;
const IPC = 8;

let exportRoot: string;
test.beforeAll(() => {
  exportRoot = mkdtempSync(join(tmpdir(), 'datapress-walkthrough-'));
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
test.afterAll(() => {
  if (exportRoot) rmSync(exportRoot, { recursive: true, force: true });
});

/** No WCAG A/AA violation on the page as shown, in either theme; saves both themes when asked. */
async function checkStep(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const found = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(found, `${name} (${scheme})`).toEqual([]);
    if (SHOTS) {
      // From the top, so the sticky step list sits where a user sees it.
      await page.evaluate(() => window.scrollTo(0, 0));
      const raw = await page.screenshot({ fullPage: true });
      // Palette PNG at a readable width: the README shows them, the repository keeps them small.
      await sharp(raw)
        .resize({ width: 1100 })
        .png({ palette: true, quality: 90 })
        .toFile(join(SHOTS, `${name}-${scheme}.png`));
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Next, pressed from the keyboard; the next step opens and takes the focus. */
async function nextByKeyboard(page: Page, from: StepId, to: StepId): Promise<void> {
  await page.getByTestId(`step-${from}`).getByTestId('wizard-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`step-${to}`)).toBeVisible();
  await expect(page.getByTestId(`step-${to}`)).toBeFocused();
  await expect(page.getByTestId(`step-link-${to}`)).toHaveAttribute('aria-current', 'step');
}

test('from a folder of images to an exported compressed set, through the UI alone', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(300_000);
  await page.goto(appUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page.getByTestId('projects-screen')).toBeVisible();
  // The screenshots' run starts from an empty workspace, so it can use a readable name.
  const project = SHOTS ? 'fashion-walkthrough' : uniqueProjectName('walkthrough');
  await createProject(page, project);

  // The steps that need earlier ones say so, and Next refuses in words until there is data.
  await page.getByTestId('step-import').getByTestId('wizard-next').click();
  await expect(page.getByTestId('step-import').getByTestId('wizard-next-error')).toHaveText(
    'There is no imported dataset yet. Import a folder of images (or the bundled sample) first.',
  );

  // 1. Import: source → review → settings (with the live preview) → start → report.
  const importPanel = page.getByTestId('import-panel');
  const form = importPanel.getByTestId('import-form');
  const next = form.getByRole('button', { name: 'Next' });
  await form.getByLabel('Folder or file to import').fill(SAMPLE);
  await next.click();
  await expect(form.getByTestId('review-found')).toHaveText('4,000 images in 10 classes.');
  await checkStep(page, '01-import-review');
  await next.click();
  await form.getByLabel('Limit per class').fill(String(PER_CLASS));
  await form.getByLabel('Name').fill('fashion-small');
  await expect(form.getByTestId('import-preview').getByTestId('preview-image')).toHaveCount(6);
  await checkStep(page, '02-import-settings');
  await next.click();
  await form.getByRole('button', { name: 'Start import' }).click();
  await expect(importPanel.getByTestId('import-job-status')).toHaveText('Succeeded', { timeout: 60_000 });
  const report = importPanel.getByTestId('import-report');
  await expect(report.getByTestId('report-train')).toHaveText('1,000');
  await expect(page.getByTestId('step-link-import')).toContainText('(done)');
  await checkStep(page, '03-import-report');

  // 2. Prune: score with a small proxy, keep the 8 easiest per class, look at one class.
  await nextByKeyboard(page, 'import', 'prune');
  const prune = page.getByTestId('prune-panel');
  const score = prune.getByTestId('score-form');
  await score.getByLabel('Proxy width').fill('8');
  await score.getByLabel('Epochs').fill('3');
  await expect(prune.getByTestId('score-estimate')).toContainText('1,000 images × 3 epochs × 1 run');
  await score.getByRole('button', { name: 'Start scoring' }).click();
  await expect(prune.getByTestId('score-job-status')).toHaveText('Succeeded', { timeout: 90_000 });
  // Combine needs a selection: Next says so.
  await page.getByTestId('step-prune').getByTestId('wizard-next').click();
  await expect(page.getByTestId('step-prune').getByTestId('wizard-next-error')).toContainText(
    'Choose a subset in Prune first',
  );
  const select = prune.getByTestId('selection-form');
  await select.getByLabel('Number of images per class').fill(String(IPC));
  await select.getByRole('button', { name: 'Create selection' }).click();
  await expect(prune.getByTestId('selection-result')).toContainText(`EL2N, easiest, ${IPC} per class`);
  const inspector = prune.getByTestId('class-inspector');
  await expect(inspector.getByTestId('kept-grid').getByTestId('scored-thumbnail')).toHaveCount(IPC);
  await checkStep(page, '04-prune');

  // 3. Combine: 2×2 mosaics of whole kept images; the preview and the bytes before storing.
  await nextByKeyboard(page, 'prune', 'combine');
  const combine = page.getByTestId('combine-panel');
  const combineForm = combine.getByTestId('combine-form');
  await combineForm.getByRole('radio', { name: '2×2' }).check();
  await expect(combine.getByTestId('mosaic-preview').getByTestId('mosaic-image')).toHaveCount(2);
  await expect(combineForm.getByTestId('combine-storage')).toContainText(
    `20 stored images (28×28 px, 1 channel) holding ${IPC * 10} kept images`,
  );
  await combineForm.getByRole('button', { name: 'Combine' }).click();
  await expect(combine.getByTestId('combine-result-title')).toContainText('20 images (2×2, consecutive)');
  await checkStep(page, '05-combine');

  // 4. Augment: views of a stored mosaic, each inside one cell.
  await nextByKeyboard(page, 'combine', 'augment');
  const augment = page.getByTestId('augment-panel');
  await expect(augment.getByTestId('augment-view-label')).toHaveCount(8);
  await checkStep(page, '06-augment');

  // 5. Train & evaluate: a small ConvNet-3 on the 20 mosaics; the live chart, then the evaluation.
  await nextByKeyboard(page, 'augment', 'train');
  const train = page.getByTestId('train-panel');
  const trainForm = train.getByTestId('train-form');
  await expect(trainForm.getByLabel('Train on')).toHaveValue(/^set:\d+$/);
  await trainForm.getByLabel('Width').fill('16');
  await trainForm.getByLabel('Epochs').fill('40');
  await trainForm.getByLabel('Seeds').fill('1');
  await trainForm.getByRole('button', { name: 'Start training' }).click();
  await expect(train.getByTestId('train-job-status')).toHaveText('Succeeded', { timeout: 90_000 });
  const evaluation = train.getByTestId('train-result');
  await expect(evaluation.getByTestId('train-accuracy')).toHaveText(
    /^Test accuracy \d+\.\d% \(one seed\)\.$/,
  );
  await expect(evaluation.getByTestId('confusion-table').getByTestId('confusion-row')).toHaveCount(10);
  await checkStep(page, '07-train');

  // 6. Benchmark: the grid and its estimate (tests/browser/bench.spec.ts runs one).
  await nextByKeyboard(page, 'train', 'benchmark');
  await expect(page.getByTestId('bench-panel').getByTestId('bench-form')).toBeVisible();
  await expect(page.getByTestId('bench-panel').getByTestId('bench-estimate')).toBeVisible();
  await checkStep(page, '08-benchmark');

  // 7. Export: what will be written, then the files.
  await nextByKeyboard(page, 'benchmark', 'export');
  const exportPanel = page.getByTestId('export-panel');
  const exportForm = exportPanel.getByTestId('export-form');
  await expect(exportForm.getByLabel('Compressed set')).toContainText('2×2 mosaics');
  const dir = join(exportRoot, 'fashion-small-pca');
  await exportForm.getByLabel('Export folder').fill(dir);
  await exportForm.getByRole('button', { name: 'Export' }).click();
  const result = exportPanel.getByTestId('export-result');
  await expect(result).toContainText('Exported 20 images.');
  await checkStep(page, '09-export');

  // The files: 20 PNG mosaics in class folders, one label row each, and the provenance.
  const pngs = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.png'));
  expect(pngs).toHaveLength(20);
  const labels = readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n');
  expect(labels).toHaveLength(21);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(JSON.stringify(manifest)).toContain('el2n');
  expect(existsSync(join(dir, 'images'))).toBe(true);
  const meta = await sharp(join(dir, String(pngs[0]))).metadata();
  expect([meta.width, meta.height]).toEqual([28, 28]);

  // 8. Jobs: every job of the path, finished.
  await page.getByTestId('step-link-jobs').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-jobs')).toBeFocused();
  await expect(page.getByTestId('job-row')).toHaveCount(4); // import, score, train, export
  await checkStep(page, '10-jobs');

  // Back on the Projects screen the project is the most recent, with what it holds.
  await page.getByTestId('all-projects').click();
  await expect(page.getByTestId('recent-project').first()).toContainText(project);
  await expect(page.getByTestId('project-item').filter({ hasText: project })).toContainText(
    '1 dataset · 1 compressed set · 0 benchmarks',
  );
  await page.getByRole('button', { name: `Contents of ${project}` }).click();
  const contents = page.getByTestId('project-contents');
  await expect(contents).toContainText('fashion-small — 2,000 images, 10 classes, 28×28');
  await expect(contents).toContainText('el2n · 8 per class · 2×2 — 20 stored images of fashion-small');
  await checkStep(page, '00-projects');
});
