import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject, expect, openStep, test, uniqueProjectName } from './fixtures';

let root: string;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'datapress-export-ui-'));
});

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('exports the demo’s compressed set as PNG in a job with progress, refuses a non-empty folder, then replaces it', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl);
  await createProject(page, uniqueProjectName('export'));

  const panel = page.getByTestId('export-panel');
  await openStep(page, 'export');
  await expect(panel.getByTestId('no-sets')).toBeVisible();
  await openStep(page, 'import');

  // A quick demo: one image per class, a tiny model, a capped import, no full-data baseline.
  const demo = page.getByTestId('demo-form');
  await demo.getByLabel('Images per class (IPC)').fill('1');
  await demo.getByLabel('Model width').fill('8');
  await demo.getByLabel('Training images per class').fill('10');
  await demo.getByLabel('Also train on the full data for comparison').uncheck();
  await page.getByRole('button', { name: 'Start demo' }).click();
  await expect(page.getByTestId('demo-result')).toBeVisible({ timeout: 120_000 });

  // The demo imports through the general import, so its dataset has a report too: 10 per class.
  const dataset = page.getByTestId('dataset-card');
  await dataset.getByRole('button', { name: 'Import report' }).click();
  await expect(dataset.getByTestId('import-report')).toBeVisible();
  await expect(dataset.getByTestId('report-train')).toHaveText('100');

  // The set the demo made is picked; PNG is the default; replacing is off.
  await openStep(page, 'export');
  const form = panel.getByTestId('export-form');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Compressed set')).toContainText('random subset, 1 per class · 10 images');
  await expect(form.getByTestId('export-set-details')).toContainText('10 classes at 28 px');
  // The demo exported it once already (into the project).
  await expect(form.getByTestId('export-set-details')).toContainText('exported 1 time');
  await expect(form.getByRole('radio', { name: 'PNG (lossless)' })).toBeChecked();
  await expect(form.getByTestId('export-replace')).not.toBeChecked();
  await expect(form.getByRole('button', { name: 'Browse…' })).toHaveCount(0);

  // Before anything is written, the form says what will be: files, bytes and each part.
  const preview = form.getByTestId('export-preview');
  const headline = preview.getByTestId('export-preview-headline');
  await expect(headline).toHaveText(
    /^Will write 12 files, about \d+(\.\d)? KiB \(10 PNG images, labels\.csv and manifest\.json\)$/,
  );
  await expect(preview.getByRole('row')).toHaveCount(4);
  await expect(preview.getByTestId('export-preview-basis')).toContainText(
    'Exact. All 10 images were encoded',
  );

  // JPEG shows its quality (and the preview follows it); NPZ says how numpy reads it.
  await form.getByRole('radio', { name: 'JPEG' }).check();
  await expect(form.getByLabel('JPEG quality')).toHaveValue('95');
  await expect(headline).toContainText('(10 JPEG q95 images');
  await form.getByLabel('JPEG quality').fill('50');
  await expect(headline).toContainText('(10 JPEG q50 images');
  await form.getByRole('radio', { name: 'NPZ (NumPy)' }).check();
  await expect(form.getByTestId('export-format-hint')).toContainText("np.load('compressed.npz')");
  await expect(form.getByLabel('JPEG quality')).toHaveCount(0);
  await expect(headline).toContainText('Will write 3 files');
  await expect(headline).toContainText('(compressed.npz, labels.csv and manifest.json)');
  await form.getByRole('radio', { name: 'PNG (lossless)' }).check();
  await expect(headline).toContainText('(10 PNG images');
  const previewFiles = async () =>
    Number(/Will write (\d+) files/.exec((await headline.textContent()) ?? '')?.[1]);
  const pngPreviewFiles = await previewFiles();

  // A relative folder is refused before anything is sent.
  await form.getByLabel('Export folder').fill('out');
  await form.getByRole('button', { name: 'Export' }).click();
  await expect(form.getByText('Give the full path')).toBeVisible();

  const dir = join(root, 'png');
  await form.getByLabel('Export folder').fill(dir);
  await form.getByRole('button', { name: 'Export' }).click();
  // The export runs as a job: its progress card follows it to the end, then the result shows.
  const card = panel.getByTestId('job-progress');
  await expect(card).toBeVisible();
  await expect(card).toContainText(/Export job #\d+/);
  await expect(card.getByTestId('export-job-status')).toHaveText('Succeeded');
  await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(card.getByTestId('job-cancel')).toHaveCount(0);
  const result = panel.getByTestId('export-result');
  await expect(result).toBeVisible();
  await expect(result).toContainText('Exported 10 images.');
  await expect(result.getByTestId('export-result-dir')).toHaveText(dir);
  await expect(result.getByTestId('export-result-files')).toHaveText(/^\d+ files$/);
  await expect(result.getByTestId('export-result-bytes')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB)$/);
  expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  const pngs = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.png'));
  expect(pngs).toHaveLength(10);
  const files = Number((await result.getByTestId('export-result-files').textContent())!.split(' ')[0]);
  expect(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(
    files,
  );
  // What the preview said is what was written.
  expect(files).toBe(pngPreviewFiles);

  // The same folder again, without "replace": refused, and the message names the checkbox.
  await form.getByRole('button', { name: 'Export' }).click();
  const error = form.getByTestId('export-error');
  await expect(error).toContainText('is not empty');
  await expect(error).toContainText('Replace a non-empty folder');
  await expect(result).toHaveCount(0);
  // Refused before a job started: no card for it.
  await expect(card).toHaveCount(0);

  // With "replace": the earlier export is replaced.
  await form.getByTestId('export-replace').check();
  await expect(form).toContainText('An earlier DataPress export in this folder will be deleted');
  await form.getByRole('button', { name: 'Export' }).click();
  await expect(card.getByTestId('export-job-status')).toHaveText('Succeeded');
  await expect(result).toContainText('Exported 10 images, replacing the earlier export.');
  await expect(form.getByTestId('export-set-details')).toContainText('exported 3 times');
  await expect(error).toHaveCount(0);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect(manifest).toBeTruthy();

  // NPZ: one numpy archive.
  const npzDir = join(root, 'npz');
  await form.getByTestId('export-replace').uncheck();
  await form.getByRole('radio', { name: 'NPZ (NumPy)' }).check();
  await expect(headline).toContainText('Will write 3 files');
  const npzPreviewFiles = await previewFiles();
  await form.getByLabel('Export folder').fill(npzDir);
  await form.getByRole('button', { name: 'Export' }).click();
  await expect(result.getByTestId('export-result-dir')).toHaveText(npzDir);
  await expect(result).toContainText('compressed.npz');
  expect(existsSync(join(npzDir, 'compressed.npz'))).toBe(true);
  expect(
    readdirSync(npzDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()),
  ).toHaveLength(npzPreviewFiles);

  if (process.env.DATAPRESS_SCREENSHOT_EXPORT)
    await panel.screenshot({ path: process.env.DATAPRESS_SCREENSHOT_EXPORT });
});
