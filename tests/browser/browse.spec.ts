import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { connectApi, jobResult } from './api';
import { expect, test, uniqueProjectName } from './fixtures';

const SAMPLE = join(process.cwd(), 'resources', 'fashion-mnist-sample');

/**
 * The way from the app's start to a project's dataset cards, in one place: the UI is being
 * reorganised into steps, and only this should need to change with it. The route lives in the
 * URL fragment beside the token; the Import step lists the project's datasets.
 */
async function openDatasetCard(page: Page, appUrl: string, project: string): Promise<Locator> {
  await page.goto(`${appUrl}&route=/p/${encodeURIComponent(project)}/import`);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  const card = page.getByTestId('dataset-card');
  await expect(card).toHaveCount(1);
  return card;
}

/** Keeps, inside the page, the most <img> elements the document has held since this call. */
async function recordImageCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __maxImages: number };
    w.__maxImages = document.images.length;
    new MutationObserver(() => {
      w.__maxImages = Math.max(w.__maxImages, document.images.length);
    }).observe(document.body, { childList: true, subtree: true });
  });
}

const maxImages = (page: Page) =>
  page.evaluate(() => (window as unknown as { __maxImages: number }).__maxImages);

test('browses every image of a dataset in a virtualised grid', async ({ page, appUrl }) => {
  // Set up through the API: the 3,000 training and 1,000 test images of the embedded sample.
  const project = uniqueProjectName('browse');
  const api = connectApi(appUrl);
  await api.call('projects.create', { project });
  const { datasetId } = (await jobResult(
    api,
    project,
    await api.call('datasets.import', { project, params: { path: SAMPLE } }),
  )) as { datasetId: number };
  const [dataset] = await api.call('datasets.list', { project });
  const trouser = dataset!.classes.find((c) => c.name === 'Trouser')!;
  const lastOf = async (classIndex?: number) => {
    const total = classIndex === undefined ? 3000 : trouser.train;
    const page1 = await api.call('datasets.samples', {
      project,
      datasetId,
      offset: total - 1,
      limit: 1,
      ...(classIndex === undefined ? {} : { classIndex }),
    });
    const item = page1.items[0]!;
    return `${dataset!.classes[item.classIndex]!.name} #${item.id}`;
  };

  const card = await openDatasetCard(page, appUrl, project);
  await recordImageCount(page);
  const toggle = card.getByRole('button', { name: 'Browse all images' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  const browser = card.getByTestId('dataset-browser');
  const count = browser.getByTestId('browse-count');
  await expect(count).toHaveText('3,000 images');
  const grid = browser.getByRole('grid', { name: /^Training images/ });
  await expect(grid.getByRole('img').first()).toBeVisible();
  await expect(grid.getByRole('img').first()).toHaveAttribute('alt', /^[\w/ -]+ #\d+$/);

  // Wheel steps through the middle, then End: the last image of the split is shown.
  await grid.hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 1500);
  await expect(grid.getByRole('img').first()).toBeVisible();
  await grid.focus();
  await page.keyboard.press('End');
  const lastCell = grid.locator('[data-index="2999"]');
  await expect(lastCell.getByRole('img')).toHaveAttribute('alt', await lastOf());
  await expect(lastCell.getByRole('img')).toBeInViewport();
  await expect(grid.locator('[data-index="0"]')).toHaveCount(0);
  await page.keyboard.press('Home');
  await expect(grid.locator('[data-index="0"]').getByRole('img')).toBeInViewport();

  // One class: the count, the grid's name and every image follow.
  await browser.getByLabel('Class').selectOption({ label: 'Trouser' });
  await expect(count).toHaveText(`${trouser.train} images`);
  const trousers = browser.getByRole('grid', { name: /^Training images of Trouser/ });
  await expect(trousers.getByRole('img').first()).toHaveAttribute('alt', /^Trouser #\d+$/);
  const alts = await trousers.getByRole('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')));
  expect(alts.every((alt) => /^Trouser #\d+$/.test(alt ?? ''))).toBe(true);
  await trousers.focus();
  await page.keyboard.press('End');
  await expect(trousers.locator(`[data-index="${trouser.train - 1}"]`).getByRole('img')).toHaveAttribute(
    'alt',
    await lastOf(trouser.index),
  );

  await browser.getByLabel('Split').selectOption('test');
  await expect(count).toHaveText(`${trouser.test} images`);
  await expect(
    browser
      .getByRole('grid', { name: /^Test images of Trouser/ })
      .getByRole('img')
      .first(),
  ).toBeVisible();

  const most = await maxImages(page);
  expect(most, `at most ${most} <img> at once`).toBeLessThan(200);
});
