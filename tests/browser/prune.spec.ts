import { fileURLToPath } from 'node:url';
import { connectApi, jobResult } from './api';
import { createProject, expect, openStep, test, uniqueProjectName } from './fixtures';

/** The bundled Fashion-MNIST sample: 300 training images in each of 10 classes, 28×28 greyscale. */
const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));

test('scores the sample, resumes a cancelled scoring, selects, inspects a class and compares selections', async ({
  page,
  appUrl,
}) => {
  // Every API call the page makes, by method, to show that form validation sends nothing.
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const method = /"method":"([^"]+)"/.exec(String(payload))?.[1];
      if (method) sent.push(method);
    }),
  );

  await page.goto(appUrl);
  const project = uniqueProjectName('prune');
  await createProject(page, project);
  await openStep(page, 'prune');
  const panel = page.getByTestId('prune-panel');
  await expect(panel.getByTestId('prune-no-dataset')).toBeVisible();
  // The step says what it is missing, and Next refuses in words.
  await expect(page.getByTestId('step-prune').getByTestId('step-gate')).toContainText('no imported dataset');

  // Import the sample (the import wizard has its own spec); the page follows the job's events.
  const api = connectApi(appUrl);
  try {
    await jobResult(api, project, await api.call('datasets.import', { project, params: { path: SAMPLE } }));
  } finally {
    api.close();
  }
  await expect(panel.getByLabel('Dataset')).toContainText('fashion-mnist-sample');
  await expect(page.getByTestId('step-prune').getByTestId('step-gate')).toHaveCount(0);

  // 1. Score: defaults from the schema with their explanations; the estimate follows the settings.
  const form = panel.getByTestId('score-form');
  await expect(form.getByLabel('Proxy width')).toHaveValue('32');
  await expect(form.getByLabel('Epochs')).toHaveValue('10');
  await expect(form.getByLabel('Runs (seeds)')).toHaveValue('1');
  await expect(form).toContainText('EL2N sums the proxy’s error over these epochs.');
  await expect(form).toContainText('The original EL2N averages 10 runs; 1 on CPU.');
  const estimate = panel.getByTestId('score-estimate');
  await expect(estimate).toContainText('3,000 images × 10 epochs × 1 run');
  await form.getByLabel('Proxy width').fill('8');
  await form.getByLabel('Epochs').fill('3');
  await expect(estimate).toContainText(/About \d+ s: 3,000 images × 3 epochs × 1 run/);
  await expect(estimate).toContainText('Based on: reference machine');
  await form.getByLabel('Epochs').fill('0');
  await expect(form.getByRole('alert')).toHaveCount(0); // no message before submitting…
  await expect(estimate).toContainText('once the settings are valid');
  await form.getByLabel('Epochs').fill('3');

  // Start, cancel once the first epoch is done, then resume from it.
  await form.getByRole('button', { name: 'Start scoring' }).click();
  const job = panel.getByTestId('score-job');
  await expect(job).toContainText(/Score job #\d+/);
  await expect
    .poll(
      async () =>
        Number((await job.getByTestId('progress-count').textContent())?.split('/')[0]?.replace(/,/g, '')),
      {
        timeout: 30_000,
        intervals: [50],
      },
    )
    .toBeGreaterThan(3000);
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('score-job-status')).toHaveText('Cancelled');
  await job.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByTestId('score-job-status')).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(panel.getByTestId('score-job-result')).toContainText(/continued after epoch [12]/);
  const row = panel.getByTestId('score-set-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('ConvNet-3, width 8');
  await expect(row.getByTestId('score-set-accuracy')).toHaveText(/^\d{1,3}\.\d%$/);

  // 2. Select: validation in words, nothing sent.
  const selectForm = panel.getByTestId('selection-form');
  await expect(selectForm.getByLabel('Method')).toHaveValue('el2n');
  await expect(selectForm.getByRole('radio', { name: 'Easiest' })).toBeChecked();
  await expect(selectForm.getByTestId('recommended-note')).toHaveText(
    'Recommended: keeps the easiest images — best at small budgets (Xiao et al.)',
  );
  await selectForm.getByLabel('Number of images per class').fill('0');
  const before = sent.length;
  await selectForm.getByRole('button', { name: 'Create selection' }).click();
  await expect(selectForm.getByRole('alert')).toHaveText(
    'Images per class must be a whole number of at least 1',
  );
  expect(sent.slice(before)).not.toContain('selections.create');

  // A budget the server refuses: its message shows as the form's error.
  await selectForm.getByRole('radio', { name: 'Megabytes of stored images' }).check();
  await selectForm.getByLabel('Megabytes to keep (MB)').fill('0.001');
  await expect(selectForm.getByTestId('budget-preview')).toContainText('Too small');
  await selectForm.getByRole('button', { name: 'Create selection' }).click();
  await expect(selectForm.getByTestId('selection-error')).toContainText('too small');

  await selectForm.getByRole('radio', { name: 'Images per class' }).check();
  await selectForm.getByLabel('Number of images per class').fill('5');
  await expect(selectForm.getByTestId('budget-preview')).toHaveText(
    'Keeps 5 images per class: 50 images, 38.3 KiB of pixels.',
  );
  await selectForm.getByRole('button', { name: 'Create selection' }).click();
  const result = panel.getByTestId('selection-result');
  await expect(result).toContainText('EL2N, easiest, 5 per class');
  await expect(result.getByTestId('selection-class-kept').first()).toHaveText('5 of 300');
  await expect(result.getByTestId('selection-kept')).toContainText('50 of 3,000');
  await expect(result.getByTestId('selection-bytes')).toContainText('39,200 bytes');
  await expect(result.getByTestId('selection-seconds')).toHaveText(/\d+ ms|\d\.\d s/);

  // 3. Inspect: the histogram with kept bars, and the image grids.
  const inspector = panel.getByTestId('class-inspector');
  const svg = inspector.getByTestId('histogram-svg');
  await expect(svg).toBeVisible();
  await expect(svg).toHaveAttribute('aria-label', /^EL2N of 300 T-shirt\/top images, .* 5 kept/);
  expect(await inspector.getByTestId('histogram-bar').count()).toBeGreaterThan(0);
  expect(await inspector.getByTestId('histogram-kept-bar').count()).toBeGreaterThan(0);
  await expect(inspector.getByTestId('easiest-grid').getByTestId('scored-thumbnail')).toHaveCount(8);
  await expect(inspector.getByTestId('hardest-grid').getByTestId('scored-thumbnail')).toHaveCount(8);
  await expect(inspector.getByTestId('kept-grid').getByTestId('scored-thumbnail')).toHaveCount(5);
  await expect(inspector.getByTestId('kept-page')).toHaveText('Kept 1–5 of 5');
  await expect(inspector.getByTestId('kept-grid')).toContainText('kept');
  await inspector.getByLabel('Class').selectOption({ label: 'Trouser' });
  await inspector.getByLabel('Score to show').selectOption('forgetting');
  await expect(svg).toHaveAttribute('aria-label', /^Forgetting of 300 Trouser images/);

  // A bigger selection pages its kept images a grid (8) at a time.
  await selectForm.getByLabel('Number of images per class').fill('12');
  await selectForm.getByRole('button', { name: 'Create selection' }).click();
  await expect(result).toContainText('EL2N, easiest, 12 per class');
  const kept = inspector.getByTestId('kept-grid');
  await expect(inspector.getByTestId('kept-page')).toHaveText('Kept 1–8 of 12');
  await expect(kept.getByTestId('scored-thumbnail')).toHaveCount(8);
  await kept.getByRole('button', { name: 'Next' }).click();
  await expect(inspector.getByTestId('kept-page')).toHaveText('Kept 9–12 of 12');
  await expect(kept.getByTestId('scored-thumbnail')).toHaveCount(4);
  await expect(kept.getByRole('button', { name: 'Next' })).toBeDisabled();
  await kept.getByRole('button', { name: 'Previous' }).click();
  await expect(inspector.getByTestId('kept-page')).toHaveText('Kept 1–8 of 12');

  // A random selection: no rule to choose.
  await selectForm.getByLabel('Method').selectOption('random');
  await expect(selectForm.getByRole('radio', { name: 'Easiest' })).toHaveCount(0);
  await selectForm.getByRole('button', { name: 'Create selection' }).click();
  await expect(result).toContainText('Random, 12 per class');

  // 4. Compare the newest two: A is the older (#2, EL2N at 12), B the newer (#3, random at 12).
  const compare = panel.getByTestId('compare-form');
  await expect(compare.getByLabel('Selection A')).toHaveValue('2');
  await expect(compare.getByLabel('Selection B')).toHaveValue('3');
  await compare.getByRole('button', { name: 'Compare' }).click();
  const table = panel.getByTestId('compare-table');
  await expect(table.getByRole('columnheader', { name: 'Overlap' })).toBeVisible();
  await expect(table.getByTestId('compare-row')).toHaveCount(10);
  await expect(table.getByTestId('compare-row').first().locator('td')).toHaveText([
    '12',
    '12',
    /^\d+$/,
    /^[01]\.\d\d$/,
  ]);
  await expect(table.getByTestId('compare-total-overlap')).toHaveText(/^\d+$/);

  if (process.env.DATAPRESS_SCREENSHOT_PRUNE) {
    const shownPicker = panel.getByLabel('Selection to show');
    const el2n = await shownPicker
      .locator('option', { hasText: 'EL2N, easiest · 5 per class' })
      .getAttribute('value');
    await shownPicker.selectOption(el2n!);
    await inspector.getByLabel('Score to show').selectOption('el2n');
    await selectForm.getByLabel('Method').selectOption('el2n');
    await selectForm.getByLabel('Number of images per class').fill('5');
    await expect(svg).toHaveAttribute('aria-label', /^EL2N of 300 Trouser images/);
    await panel.screenshot({ path: process.env.DATAPRESS_SCREENSHOT_PRUNE });
  }
});
