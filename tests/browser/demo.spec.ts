import {
  createProject,
  expect,
  openStep,
  recordedProgress,
  recordProgress,
  test,
  uniqueProjectName,
} from './fixtures';

const LIMIT_PER_CLASS = 30;
const IPC = 2;

test('creates a project, runs a small demo and shows progress, result, class counts and thumbnails', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');

  // Validation errors show before anything is sent.
  await page.getByLabel('New project').fill('bad/name');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('create-project-error')).toContainText('may use letters, digits');

  const name = uniqueProjectName('demo');
  await createProject(page, name);
  // A new project opens at its first step.
  await expect(page.getByTestId('step-link-import')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('no-datasets')).toContainText('No datasets yet');

  // Small settings: a capped import, a tiny model, no full-data baseline.
  const form = page.getByTestId('demo-form');
  await form.getByLabel('Images per class (IPC)').fill(String(IPC));
  await form.getByLabel('Model width').fill('8');
  await form.getByLabel('Training images per class').fill(String(LIMIT_PER_CLASS));
  await form.getByLabel('Also train on the full data for comparison').uncheck();

  await recordProgress(page);
  await page.getByRole('button', { name: 'Start demo' }).click();
  await expect(page.getByTestId('job-progress')).toBeVisible();

  const result = page.getByTestId('demo-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('current-job-status')).toHaveText('Succeeded');

  // Progress moved: the bar passed through values between 0 and 100, never backwards, and phases were named.
  const seen = await recordedProgress(page);
  expect(
    seen.values.some((v) => v > 0 && v < 100),
    `progress values ${seen.values.join(', ')}`,
  ).toBe(true);
  expect(seen.values).toEqual([...seen.values].sort((a, b) => a - b));
  expect(seen.values.at(-1)).toBe(100);
  expect(seen.phases.length).toBeGreaterThan(0);

  // The result: an accuracy figure, what was kept, its size, where it went and which backend ran.
  await expect(result.getByTestId('result-compressed-accuracy')).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(result.getByTestId('result-full-accuracy')).toHaveText('not trained');
  await expect(result.getByTestId('result-images')).toHaveText(String(IPC * 10));
  await expect(result.getByTestId('result-bytes')).toHaveText(/^\d+(\.\d)? (B|KiB|MiB)$/);
  await expect(result.getByTestId('result-export-dir')).toContainText(name);
  await expect(result.getByTestId('result-backend')).toContainText(/tensorflow-gpu|tensorflow|wasm|cpu/);

  // The demo imported the sample: its class counts and thumbnails are shown.
  const dataset = page.getByTestId('dataset-card');
  await expect(dataset).toHaveCount(1);
  const rows = dataset.getByTestId('class-row');
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText('T-shirt/top');
  await expect(dataset.getByTestId('class-train')).toHaveText(Array(10).fill(String(LIMIT_PER_CLASS)));
  await expect(dataset.getByTestId('total-train')).toHaveText(String(LIMIT_PER_CLASS * 10));
  for (const cell of await dataset.getByTestId('class-test').allTextContents())
    expect(Number(cell)).toBeGreaterThan(0);

  const thumbnails = dataset.getByTestId('thumbnail');
  await expect(thumbnails.first()).toBeVisible();
  expect(await thumbnails.count()).toBeGreaterThanOrEqual(10);
  const decoded = await thumbnails.evaluateAll((imgs) =>
    (imgs as HTMLImageElement[]).every(
      (img) => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/png'),
    ),
  );
  expect(decoded).toBe(true);
  await expect(dataset.getByRole('group', { name: 'Sneaker samples' })).toBeVisible();

  if (process.env.DATAPRESS_SCREENSHOT)
    await page.screenshot({ path: process.env.DATAPRESS_SCREENSHOT, fullPage: true });

  // The job list agrees, and so does the Projects screen.
  await openStep(page, 'jobs');
  const jobRow = page.getByTestId('job-row').first();
  await expect(jobRow.getByTestId('job-row-status')).toHaveText('Succeeded');
  await expect(jobRow.getByTestId('job-percent')).toHaveText('100%');
  await page.getByTestId('all-projects').click();
  await expect(page.getByTestId('project-item').filter({ hasText: name })).toContainText('1 dataset ·');
  await expect(page.getByTestId('project-item').filter({ hasText: name })).toContainText('· 1 job');
});

test('cancels a running demo', async ({ page, appUrl }) => {
  await page.goto(appUrl);
  await createProject(page, uniqueProjectName('cancel'));

  // Default settings (full sample, full-data baseline): long enough to cancel mid-run.
  await page.getByRole('button', { name: 'Start demo' }).click();
  const progress = page.getByTestId('job-progress');
  await expect(progress.getByTestId('progress-phase')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Start demo' })).toBeDisabled();

  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('current-job-status')).toHaveText('Cancelled');
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  await expect(progress.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByTestId('demo-result')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start demo' })).toBeEnabled();
  await openStep(page, 'jobs');
  await expect(page.getByTestId('job-row').first().getByTestId('job-row-status')).toHaveText('Cancelled');
});

test('explains a missing or wrong session token', async ({ page, appUrl }) => {
  const url = new URL(appUrl);
  await page.goto(`${url.origin}/`);
  await expect(page.getByRole('alert')).toContainText('no session token');

  // A fragment-only change does not reload the page; go elsewhere first.
  await page.goto('about:blank');
  await page.goto(`${url.origin}/#token=${'0'.repeat(64)}`);
  await expect(page.getByRole('alert')).toContainText('connection to DataPress was refused or lost');
  await expect(page.getByTestId('connection-status')).toHaveText('Not connected');
});
