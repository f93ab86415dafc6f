import { fileURLToPath } from 'node:url';
import { connectApi, jobResult } from './api';
import { expect, openProject, openStep, test, uniqueProjectName } from './fixtures';

/** The bundled Fashion-MNIST sample, imported 20 per class and split: 200 training, 200 test images. */
const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));

test('combines a selection into 2×2 mosaics, previews its views, trains on it and shows the evaluation', async ({
  page,
  appUrl,
}) => {
  // Setup through the API: a small import and a random selection of 8 per class.
  const project = uniqueProjectName('train');
  const api = connectApi(appUrl);
  try {
    await api.call('projects.create', { project });
    const imported = (await jobResult(
      api,
      project,
      await api.call('datasets.import', { project, params: { path: SAMPLE, limitPerClass: 20 } }),
    )) as { datasetId: number };
    await api.call('selections.create', {
      project,
      params: { datasetId: imported.datasetId, method: 'random', budget: { kind: 'ipc', ipc: 8 }, seed: 0 },
    });
  } finally {
    api.close();
  }

  await page.goto(appUrl);
  await openProject(page, project);
  await openStep(page, 'combine');

  // 1. Combine: the selection is picked; the grid size is explained; the storage follows k.
  const combine = page.getByTestId('combine-panel');
  const form = combine.getByTestId('combine-form');
  await expect(form.getByLabel('Selection')).toContainText('Random · 8 per class · 80 images');
  await form.getByRole('radio', { name: '3×3' }).check();
  await expect(form.getByTestId('combine-k-hint')).toHaveText(
    '3×3: each stored image holds 9 whole kept images of one class; storage stays that of one image.',
  );
  // ⌈8/9⌉ = 1 per class: 10 × 784 bytes.
  await expect(form.getByTestId('combine-storage')).toContainText('10 stored images (28×28 px, 1 channel)');
  await form.getByRole('radio', { name: '2×2' }).check();
  // ⌈8/4⌉ = 2 per class: 20 × 784 = 15,680 bytes, a quarter of the 80 kept images’ 62,720.
  await expect(form.getByTestId('combine-storage')).toHaveText(
    '20 stored images (28×28 px, 1 channel) holding 80 kept images: 15.3 KiB on disk (15,680 bytes of raw pixels, 25% of the 61.3 KiB the kept images take one by one).',
  );
  const preview = combine.getByTestId('mosaic-preview');
  await expect(preview.getByTestId('mosaic-preview-caption')).toHaveText(
    'T-shirt/top: the first 2 of 2 stored images, 28×28 px each, 2×2 kept images in each.',
  );
  await expect(preview.getByTestId('mosaic-image')).toHaveCount(2);
  await expect(preview.getByTestId('mosaic-image').first()).toHaveAttribute(
    'alt',
    /^Mosaic 1 of T-shirt\/top: samples #\d+, #\d+, #\d+, #\d+$/,
  );
  expect(
    await preview
      .getByTestId('mosaic-image')
      .first()
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBe(28);
  await preview.getByLabel('Preview a class').selectOption({ label: 'Trouser' });
  await expect(preview.getByTestId('mosaic-preview-caption')).toContainText('Trouser: the first 2 of 2');

  await form.getByRole('button', { name: 'Combine' }).click();
  const result = combine.getByTestId('combine-result');
  await expect(result.getByTestId('combine-result-title')).toHaveText(
    /^Stored set #\d+: 20 images \(2×2, consecutive\) made of 80 kept images, 15\.3 KiB of pixels\.$/,
  );
  await expect(result.getByTestId('combine-class-row')).toHaveCount(10);
  await expect(result.getByTestId('combine-class-stored').first()).toHaveText('2');

  // 2. Augment: the new set is shown; 8 constrained views, each labelled with its cell and flip.
  await openStep(page, 'augment');
  const augment = page.getByTestId('augment-panel');
  await expect(augment.getByLabel('Stored set')).toContainText('2×2 mosaics, 8 per class · 20 images');
  await expect(augment.getByTestId('augment-policy-hint')).toHaveText(
    'constrained: each view is a crop inside one cell of the mosaic, so it never mixes two images — PCA’s augmentation.',
  );
  await expect(augment.getByTestId('augment-caption')).toHaveText(
    /^Image 1 of 20 \(T-shirt\/top\), a 2×2 mosaic: 8 views, [0-8] flipped\.$/,
  );
  const labels = augment.getByTestId('augment-view-label');
  await expect(labels).toHaveCount(8);
  for (const text of await labels.allTextContents())
    expect(text.trim()).toMatch(/^View [1-8]\s+From cell [1-4] \(row [12], column [12]\), (not )?flipped$/);
  await augment.getByRole('button', { name: 'Next image' }).click();
  await expect(augment.getByTestId('augment-caption')).toContainText('Image 2 of 20 (T-shirt/top)');
  await augment.getByRole('radio', { name: 'None' }).check();
  await expect(labels.first()).toHaveText(/The stored image, (not )?flipped/);
  await augment.getByRole('radio', { name: /^Constrained/ }).check();

  // 3. Train on the new set with a tiny ConvNet; the chart gets a point per epoch.
  await openStep(page, 'train');
  const train = page.getByTestId('train-panel');
  const trainForm = train.getByTestId('train-form');
  await expect(trainForm.getByLabel('Train on')).toHaveValue(/^set:\d+$/);
  await expect(trainForm.getByTestId('train-labels-soft-hint')).toContainText(
    'a teacher trained on all your data labels every view',
  );
  // Validation in words, before anything is sent.
  await trainForm.getByLabel('Width').fill('2');
  await trainForm.getByRole('button', { name: 'Start training' }).click();
  await expect(trainForm.getByRole('alert')).toHaveText('The width must be a whole number from 4 to 512');
  await expect(train.getByTestId('train-job')).toHaveCount(0);
  await trainForm.getByLabel('Width').fill('8');
  await trainForm.getByLabel('Depth').fill('2');
  await trainForm.getByLabel('Epochs').fill('3');
  await trainForm.getByLabel('Seeds').fill('1');
  await trainForm.getByRole('button', { name: 'Start training' }).click();
  await expect(train.getByTestId('train-job')).toContainText(/Train job #\d+/);
  const points = train.getByTestId('train-live-chart-point');
  await expect.poll(() => points.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(train.getByTestId('train-job-status')).toHaveText('Succeeded', { timeout: 60_000 });
  // 3 epochs × (loss, training accuracy).
  await expect(points).toHaveCount(6);
  await expect(train.getByTestId('train-live-chart-svg')).toHaveAttribute(
    'aria-label',
    /^Seed 0, 3 of 3 epochs: loss from \d\.\d+ to \d\.\d+; training accuracy from \d+\.\d% to \d+\.\d%\.$/,
  );

  const evaluation = train.getByTestId('train-result');
  await expect(evaluation.getByTestId('train-accuracy')).toHaveText(
    /^Test accuracy \d+\.\d% \(one seed\)\.$/,
  );
  await expect(evaluation.getByTestId('seed-row')).toHaveCount(1);
  await expect(evaluation.getByTestId('class-accuracy-row')).toHaveCount(10);
  const confusion = evaluation.getByTestId('confusion-table');
  await expect(confusion.getByTestId('confusion-row')).toHaveCount(10);
  await expect(confusion.getByRole('columnheader', { name: 'Trouser' })).toBeVisible();
  // Every row counts the class’s 20 test images.
  const firstRow = await confusion.getByTestId('confusion-row').first().locator('td.cell').allTextContents();
  expect(firstRow.map(Number).reduce((a, b) => a + b, 0)).toBe(20);

  const runs = train.getByTestId('run-list');
  await expect(runs.getByTestId('run-row')).toHaveCount(1);
  await expect(runs.getByTestId('run-accuracy')).toHaveText(/^\d+\.\d%$/);

  if (process.env.DATAPRESS_SCREENSHOT_TRAIN)
    await train.screenshot({ path: process.env.DATAPRESS_SCREENSHOT_TRAIN });

  // A past run's details: its stored loss curve (no training accuracy: that is live only) and evaluation.
  await runs.getByRole('button', { name: /^Details/ }).click();
  const details = runs.getByTestId('run-details');
  await expect(details.getByTestId(/^run-\d+-chart-point$/)).toHaveCount(3);
  await expect(details).toContainText('Training accuracy per epoch is shown while a job runs');
  await expect(details.getByTestId('confusion-row')).toHaveCount(10);
});
