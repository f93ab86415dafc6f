import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test, uniqueProjectName } from './fixtures';

const SAMPLE = fileURLToPath(new URL('../../resources/fashion-mnist-sample', import.meta.url));

/** Presses Tab until `target` has the focus: it must be reachable from the keyboard, in order. */
async function tabTo(page: Page, target: Locator, limit = 60, key = 'Tab'): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`not reached with ${limit} Tab presses: ${target.toString()}`);
}

test('keyboard only: create a project, import through the wizard, move on to Prune and pick a step', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  const name = uniqueProjectName('keys');

  // The Projects screen: its heading has the focus; the name field and Enter create the project.
  await expect(page.getByRole('heading', { level: 2, name: 'Projects' })).toBeFocused();
  await tabTo(page, page.getByLabel('New project'));
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(page.getByTestId('step-import')).toBeFocused();

  // The import wizard: each step's heading takes the focus; Tab reaches every control in order.
  const form = page.getByTestId('import-form');
  await tabTo(page, form.getByLabel('Folder or file to import'));
  await page.keyboard.type(SAMPLE);
  await tabTo(page, form.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('import-step')).toHaveText('Step 2 of 4 — Review');
  await expect(form.getByTestId('import-step')).toBeFocused();
  await tabTo(page, form.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('import-step')).toHaveText('Step 3 of 4 — Settings');
  await tabTo(page, form.getByLabel('Limit per class'));
  await page.keyboard.type('20');
  // A radio group is one Tab stop; arrows move inside it.
  await tabTo(page, form.getByRole('radio', { name: /^Crop/ }));
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: /^Pad/ })).toBeChecked();
  await tabTo(page, form.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('import-step')).toHaveText('Step 4 of 4 — Start');
  await tabTo(page, form.getByRole('button', { name: 'Start import' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-job-status')).toHaveText('Succeeded', { timeout: 60_000 });

  // Next moves on; the Prune step takes the focus and its first control is one Tab away.
  const next = page.getByTestId('step-import').getByTestId('wizard-next');
  await tabTo(page, next, 200);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-prune')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('prune-panel').getByLabel('Dataset')).toBeFocused();

  // The step list is links: Shift+Tab back to it, Enter opens a step.
  await tabTo(page, page.getByTestId('step-link-export'), 60, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-export')).toBeFocused();
  await expect(page.getByTestId('step-export').getByTestId('step-gate')).toContainText('no compressed set');
  // The gate's button goes where the missing input is made.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('step-export').getByRole('button', { name: 'Go to Prune' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-prune')).toBeFocused();
});
