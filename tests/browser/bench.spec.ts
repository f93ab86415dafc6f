import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectApi, jobResult } from './api';
import { expect, openProject, openStep, test, uniqueProjectName } from './fixtures';

/** The bundled Fashion-MNIST sample: 10 classes of 28×28 greyscale images with a test split. */
const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));

const METHODS = ['Random', 'Herding', 'DM (distribution matching)'];

test('builds a benchmark grid, estimates it, runs it and shows its results, charts and report', async ({
  page,
  appUrl,
}) => {
  test.setTimeout(150_000);
  // Every API call the page makes, by method, to show that validation sends nothing.
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const method = /"method":"([^"]+)"/.exec(String(payload))?.[1];
      if (method) sent.push(method);
    }),
  );

  // Setup through the API: the project and the sample (what this spec is not about).
  const project = uniqueProjectName('bench');
  const api = connectApi(appUrl);
  try {
    await api.call('projects.create', { project });
    await jobResult(api, project, await api.call('datasets.import', { project, params: { path: SAMPLE } }));
  } finally {
    api.close();
  }

  await page.goto(appUrl);
  await openProject(page, project);
  await openStep(page, 'benchmark');

  const panel = page.getByTestId('bench-panel');
  const form = panel.getByTestId('bench-form');
  await expect(form.getByLabel('Dataset')).toContainText('fashion-mnist-sample');
  await expect(panel.getByTestId('bench-none')).toBeVisible();

  // The protocol's defaults; each method says what it does.
  await expect(form.getByLabel('Width', { exact: true })).toHaveValue('32');
  await expect(form.getByLabel('Steps', { exact: true })).toHaveValue('300');
  await expect(form.getByLabel('Teacher epochs')).toHaveValue('10');
  await expect(form.getByLabel('Images per class (IPC)')).toHaveValue('1, 10, 50');
  await expect(form.getByRole('checkbox', { name: 'Herding' })).toHaveAccessibleDescription(
    'Picks images whose running mean feature stays closest to the class’s mean feature.',
  );
  await expect(form.getByRole('group', { name: 'Distillation: makes new images' })).toContainText(
    'RDED-style',
  );

  // Validation in words next to the field; nothing is started.
  const ipc = form.getByLabel('Images per class (IPC)');
  await ipc.fill('0, x');
  await form.getByRole('button', { name: 'Start benchmark' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Each IPC must be a whole number from 1 to 10,000: “0” and “x” are not',
  );
  await expect(ipc).toHaveAttribute('aria-invalid', 'true');
  await expect(ipc).toHaveAccessibleDescription(/Each IPC must be a whole number/);
  await expect(panel.getByTestId('bench-estimate')).toContainText('once the settings are valid');
  expect(sent).not.toContain('bench.start');

  // A tiny grid: random, herding and DM × IPC 1, 2 × hard, soft × 1 seed, tiny models.
  for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
  for (const name of METHODS) await form.getByRole('checkbox', { name }).check();
  await form.getByRole('checkbox', { name: 'Hard labels' }).check();
  await form.getByRole('checkbox', { name: /^Soft labels/ }).check();
  await ipc.fill('1, 2');
  await form.getByLabel('Seeds').fill('1');
  await form.getByLabel('Width', { exact: true }).fill('8');
  await form.getByLabel('Steps', { exact: true }).fill('20');
  await form.getByLabel('Teacher epochs').fill('2');
  await form.getByText('Advanced: scoring proxy and DM').click();
  await expect(form.getByLabel('Scoring width')).toHaveValue('32');
  await expect(form.getByLabel('Scoring epochs')).toHaveValue('10');
  await expect(form.getByLabel('DM iterations')).toHaveValue('1000');
  await form.getByLabel('Scoring width').fill('8');
  await form.getByLabel('Scoring epochs').fill('2');
  await form.getByLabel('DM iterations').fill('5');

  // The live estimate: the grid in words and every part.
  const estimate = panel.getByTestId('bench-estimate');
  await expect(estimate.getByTestId('bench-estimate-total')).toHaveText(
    /^(About .+|Under a second): 12 training runs \(12 cells × 1 seed\) on 6 compressed sets\.$/,
  );
  await expect(estimate.getByTestId('bench-estimate-parts').locator('tbody th')).toHaveText([
    'Scores',
    'Teacher',
    'DM IPC 1',
    'DM IPC 2',
    'Training runs (12 to go)',
  ]);
  await expect(estimate).toContainText('Based on: reference machine');

  // Start; the job's progress shows, then its results.
  await form.getByRole('button', { name: 'Start benchmark' }).click();
  const job = panel.getByTestId('bench-job');
  await expect(job).toContainText(/Bench job #\d+/);
  // While it runs: the benchmark is listed as running, and the job says how many runs are done.
  const list = panel.getByTestId('bench-list');
  await expect(list.getByTestId('bench-row-status')).toHaveText('Running');
  await expect(job.getByTestId('bench-job-runs')).toHaveText(/^\d+ of 12 training runs done/, {
    timeout: 60_000,
  });
  await expect(panel.getByTestId('bench-job-status')).toHaveText('Succeeded', { timeout: 100_000 });

  const results = panel.getByTestId('bench-results');
  await expect(results.getByTestId('bench-results-status')).toHaveText('Succeeded');
  await expect(results.getByTestId('bench-cells-done')).toHaveText('12 of 12 cells have a result.');
  const rows = results.getByTestId('bench-result-row');
  await expect(rows).toHaveCount(12);
  for (const text of await results.getByTestId('bench-result-accuracy').allTextContents())
    expect(text.trim()).toMatch(/^\d{1,3}\.\d$/);
  await expect(rows.first().locator('th')).toHaveText('Random');
  await expect(results.getByTestId('bench-storage-row')).toHaveCount(6);
  await expect(list.getByTestId('bench-row')).toHaveCount(1);
  await expect(list.getByTestId('bench-row-runs')).toHaveText('12 / 12');
  await expect(list.getByRole('button', { name: /^Shown/ })).toHaveAttribute('aria-pressed', 'true');

  // Charts: accuracy against IPC per label mode, one series per method, and against bytes.
  const charts = results.getByTestId('bench-chart');
  await expect(charts).toHaveCount(3);
  for (const [i, mode] of ['hard', 'soft'].entries()) {
    const chart = charts.nth(i);
    await expect(chart.getByRole('img')).toHaveAccessibleName(
      `Accuracy against images per class, ${mode} labels`,
    );
    await expect(chart.getByRole('img')).toHaveAccessibleDescription(
      /^Random: IPC 1 \d+\.\d%, IPC 2 \d+\.\d%; /,
    );
    const series = chart.getByTestId('bench-chart-series');
    await expect(series).toHaveCount(3);
    expect(await series.evaluateAll((els) => els.map((e) => e.getAttribute('data-series')))).toEqual(METHODS);
    await expect(chart.getByTestId('bench-chart-point')).toHaveCount(6);
  }
  const bytes = charts.nth(2);
  await expect(bytes.getByRole('img')).toHaveAccessibleName('Accuracy against stored bytes');
  await expect(bytes.getByTestId('bench-chart-series')).toHaveCount(6);
  await expect(bytes.getByTestId('bench-chart-legend')).toHaveText([
    ...METHODS,
    'Hard labels: PNG bytes',
    'Soft labels: PNG + label bytes',
  ]);
  await expect(bytes.getByTestId('bench-chart-ref')).toContainText(['Full training split']);

  if (process.env.DATAPRESS_SCREENSHOT_BENCH)
    await panel.screenshot({ path: process.env.DATAPRESS_SCREENSHOT_BENCH });

  // The report: one HTML file to save (the page's CSP would strip a srcdoc frame's styles), and its folder.
  const report = results.getByTestId('bench-report');
  await report.getByRole('button', { name: 'Open report' }).click();
  const link = report.getByTestId('bench-report-link');
  await expect(link).toHaveAttribute('href', /^blob:/);
  await expect(link).toHaveAttribute('download', /^bench-\d+-benchmark\.html$/);
  await expect(report.getByTestId('bench-report-dir')).toContainText(/reports[\\/]bench-\d+/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain('<svg');
  expect(html).not.toContain('<script');
  for (const name of METHODS) expect(html).toContain(name);
});
