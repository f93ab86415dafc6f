import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectApi, jobResult } from './api';
import { expect, openProject, openStep, test, uniqueProjectName } from './fixtures';

const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));

test('the Jobs step follows a training job across a reload, cancels it and resumes it to the end', async ({
  page,
  appUrl,
}) => {
  const project = uniqueProjectName('jobs');
  const api = connectApi(appUrl);
  let datasetId: number;
  try {
    await api.call('projects.create', { project });
    const imported = (await jobResult(
      api,
      project,
      await api.call('datasets.import', { project, params: { path: SAMPLE, limitPerClass: 60 } }),
    )) as { datasetId: number };
    datasetId = imported.datasetId;
  } finally {
    api.close();
  }

  await page.goto(appUrl);
  await openProject(page, project);
  // A draft typed before the reload must still be there after it.
  await openStep(page, 'prune');
  const epochs = page.getByTestId('score-form').getByLabel('Epochs');
  await epochs.fill('7');

  // A full-split training run long enough to be caught mid-way (checkpoints every 2 epochs).
  await openStep(page, 'train');
  const starter = connectApi(appUrl);
  let jobId: number;
  try {
    const job = await starter.call('training.start', {
      project,
      params: { datasetId, width: 16, epochs: 40, seeds: 1, checkpointEvery: 2, augment: 'none' },
    });
    jobId = job.id;
  } finally {
    starter.close();
  }

  await openStep(page, 'jobs');
  await expect(page.getByTestId('active-jobs')).toHaveText('1 running');
  const row = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(row.getByTestId('job-row-status')).toHaveText('Running');
  await expect(row).toContainText('Train');
  const bar = row.getByRole('progressbar');
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(row.getByTestId('job-rate')).toHaveText(/\/s$/);
  const before = Number(await bar.getAttribute('aria-valuenow'));

  // Reload mid-job: the same screen comes back (the route is in the URL) and the job's state
  // comes from the Node side, still moving.
  await page.reload();
  await expect(page.getByTestId('step-jobs')).toBeVisible();
  await expect(page.getByTestId('step-link-jobs')).toHaveAttribute('aria-current', 'page');
  const again = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(again.getByTestId('job-row-status')).toHaveText('Running');
  await expect
    .poll(async () => Number(await again.getByRole('progressbar').getAttribute('aria-valuenow')), {
      timeout: 60_000,
    })
    .toBeGreaterThan(before);
  await openStep(page, 'prune');
  await expect(page.getByTestId('score-form').getByLabel('Epochs')).toHaveValue('7');
  await openStep(page, 'jobs');

  // Cancel from the row; it offers Resume instead.
  await again.getByRole('button', { name: `Cancel job #${jobId}` }).click();
  await expect(again.getByTestId('job-row-status')).toHaveText('Cancelled', { timeout: 30_000 });
  await expect(again.getByRole('button', { name: `Cancel job #${jobId}` })).toHaveCount(0);
  await expect(page.getByTestId('active-jobs')).toHaveText('Nothing running');

  // Resume: a new job with the same parameters continues from the checkpoint and finishes.
  await again.getByRole('button', { name: `Resume job #${jobId}` }).click();
  const resumed = page.getByTestId('job-row').first();
  await expect(resumed).not.toHaveAttribute('data-job-id', String(jobId));
  await expect(resumed.getByTestId('job-row-status')).toHaveText('Succeeded', { timeout: 120_000 });
  await expect(resumed.getByTestId('job-percent')).toHaveText('100%');

  // The filter: one finished job of each outcome, nothing active.
  await page.getByRole('radio', { name: /^Active/ }).check();
  await expect(page.getByTestId('no-jobs-in-filter')).toBeVisible();
  await page.getByRole('radio', { name: /^All/ }).check();
  await expect(page.getByTestId('job-row')).toHaveCount(3); // import, cancelled train, resumed train

  // The run it made is listed in Train & evaluate.
  await openStep(page, 'train');
  await expect(page.getByTestId('train-panel')).toContainText(`#${jobId + 1}`);
});

test('a failed job shows its error in words, and Resume tries it again', async ({ page, appUrl }) => {
  // A class folder whose only "image" is text: the import job finds nothing it can decode.
  const root = mkdtempSync(join(tmpdir(), 'datapress-jobs-fail-'));
  try {
    mkdirSync(join(root, 'cats'));
    writeFileSync(join(root, 'cats', 'a.png'), 'not a picture');
    mkdirSync(join(root, 'dogs'));
    writeFileSync(join(root, 'dogs', 'b.png'), 'not a picture either');
    const project = uniqueProjectName('jobs-fail');
    const api = connectApi(appUrl);
    let jobId: number;
    try {
      await api.call('projects.create', { project });
      const job = await api.call('datasets.import', { project, params: { path: root } });
      jobId = job.id;
      await expect.poll(async () => (await api.call('jobs.get', { project, jobId })).status).toBe('failed');
    } finally {
      api.close();
    }

    await page.goto(appUrl);
    await openProject(page, project);
    await openStep(page, 'jobs');
    const row = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
    await expect(row.getByTestId('job-row-status')).toHaveText('Failed');
    const details = row.getByTestId('job-error');
    await expect(details).toContainText('invalid_data');
    await expect(details).toContainText(`no readable image in ${root}`);
    // Resume runs the same import again: it fails again, as a new job with its own row.
    await row.getByRole('button', { name: `Resume job #${jobId}` }).click();
    await expect(page.getByTestId('job-row')).toHaveCount(2);
    await expect(page.getByTestId('job-row').first().getByTestId('job-row-status')).toHaveText('Failed');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
