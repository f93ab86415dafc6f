import { createProject, expect, test, uniqueProjectName } from './fixtures';

test('the Projects screen renames a project and deletes one only after the name is typed', async ({
  page,
  appUrl,
}) => {
  await page.goto(appUrl);
  const keep = uniqueProjectName('keep');
  const old = uniqueProjectName('old');
  await createProject(page, keep);
  await page.getByTestId('all-projects').click();
  await createProject(page, old);
  await page.getByTestId('all-projects').click();
  const rowOf = (name: string) => page.locator(`[data-testid="project-row"][data-project="${name}"]`);
  await expect(rowOf(old)).toBeVisible();

  // Rename: a taken name is refused with the server's words; a free one renames the folder.
  await page.getByRole('button', { name: `Rename ${old}` }).click();
  const rename = page.getByTestId('rename-form');
  await expect(rename.getByLabel(`New name for “${old}”`)).toBeFocused();
  await rename.getByLabel(`New name for “${old}”`).fill(keep);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toContainText('already exists');
  await rename.getByLabel(`New name for “${old}”`).fill('bad/name');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toContainText('may use letters, digits');
  const renamed = `${old}-v2`;
  await rename.getByLabel(`New name for “${old}”`).fill(renamed);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(rowOf(renamed)).toBeVisible();
  await expect(rowOf(old)).toHaveCount(0);

  // Opening the renamed project works, and it becomes the most recent.
  await page.getByTestId('project-item').filter({ hasText: renamed }).click();
  await expect(page.getByRole('heading', { level: 2, name: renamed })).toBeVisible();
  await page.getByTestId('all-projects').click();
  await expect(page.getByTestId('recent-project').first()).toContainText(renamed);

  // Delete: says what goes, stays disarmed until the exact name is typed; Escape keeps it.
  await page.getByRole('button', { name: `Delete ${renamed}` }).click();
  const del = page.getByTestId('delete-form');
  await expect(del).toContainText('It cannot be undone.');
  const confirm = del.getByRole('button', { name: 'Delete project' });
  await expect(confirm).toBeDisabled();
  await del.getByLabel(/to confirm/).fill(renamed.toUpperCase());
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(del).toHaveCount(0);
  await expect(rowOf(renamed)).toBeVisible();

  await page.getByRole('button', { name: `Delete ${renamed}` }).click();
  await del.getByLabel(/to confirm/).fill(renamed);
  await confirm.click();
  await expect(rowOf(renamed)).toHaveCount(0);
  await expect(rowOf(keep)).toBeVisible();

  // A link to a project that no longer exists says so instead of showing an empty screen.
  const url = new URL(page.url());
  await page.goto(`${url.origin}/${url.hash.replace(/route=[^&]*/, `route=/p/${renamed}/prune`)}`);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(renamed);
});
