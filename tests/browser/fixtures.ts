import { test as base, expect, type Page } from '@playwright/test';

/**
 * `appUrl`: the URL (with token) of the server started by global-setup.ts.
 * Every test also fails on uncaught page errors and on Content-Security-Policy violations,
 * so a change that needs a weaker policy shows up here.
 */
export const test = base.extend<{ appUrl: string; pageProblems: string[] }>({
  // Playwright requires an object pattern here even when the fixture uses no other fixtures.
  // eslint-disable-next-line no-empty-pattern
  appUrl: async ({}, use) => {
    const url = process.env.DATAPRESS_URL;
    if (!url)
      throw new Error(
        'DATAPRESS_URL is not set: run through playwright.config.ts (its global setup starts the server)',
      );
    await use(url);
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
          problems.push(`CSP: ${message.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A project name no earlier test (or run) has used. */
export function uniqueProjectName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('New project').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Opens a project from the Projects screen (where the app starts). */
export async function openProject(page: Page, name: string): Promise<void> {
  await page.getByTestId('project-item').filter({ hasText: name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

export type StepId = 'import' | 'prune' | 'combine' | 'augment' | 'train' | 'benchmark' | 'export' | 'jobs';

/** Moves to a step of the open project through the step list, and waits for it to show. */
export async function openStep(page: Page, step: StepId): Promise<void> {
  await page.getByTestId(`step-link-${step}`).click();
  await expect(page.getByTestId(`step-${step}`)).toBeVisible();
}

/**
 * Records every value the overall progress bar takes and every phase shown, from inside the
 * page, so fast phases are not missed between polls.
 */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { values: [] as number[], phases: [] as string[] };
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const sample = () => {
      const bar = document.querySelector('[data-testid="progress-bar"]');
      const value = bar ? Number(bar.getAttribute('aria-valuenow')) : NaN;
      if (Number.isFinite(value) && seen.values.at(-1) !== value) seen.values.push(value);
      const phase = document.querySelector('[data-testid="progress-phase"]')?.textContent?.trim();
      if (phase && seen.phases.at(-1) !== phase) seen.phases.push(phase);
    };
    new MutationObserver(sample).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

export async function recordedProgress(page: Page): Promise<{ values: number[]; phases: string[] }> {
  return page.evaluate(
    () => (window as unknown as { __progress: { values: number[]; phases: string[] } }).__progress,
  );
}
