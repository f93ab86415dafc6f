import type { Page } from '@playwright/test';
import { createProject, expect, openStep, test, uniqueProjectName } from './fixtures';

interface Picked {
  title: string;
  purpose: string;
}

/**
 * Plays the desktop app over the real backend: the page's socket goes through a proxy that
 * says `canPickFolders: true` in app.info and answers app.pickFolder itself, as the native
 * picker would, with the next path from `answers` (null: the user cancelled). Everything else
 * reaches the real server unchanged.
 */
async function actAsDesktop(page: Page, answers: (string | null)[]): Promise<Picked[]> {
  const asked: Picked[] = [];
  await page.routeWebSocket(/\/rpc\?token=/, (ws) => {
    const server = ws.connectToServer();
    const infoIds = new Set<number>();
    ws.onMessage((frame) => {
      const message = JSON.parse(String(frame)) as {
        kind: string;
        id: number;
        method: string;
        params: Picked;
      };
      if (message.kind === 'request' && message.method === 'app.pickFolder') {
        asked.push(message.params);
        ws.send(
          JSON.stringify({ kind: 'result', id: message.id, result: { path: answers.shift() ?? null } }),
        );
        return;
      }
      if (message.kind === 'request' && message.method === 'app.info') infoIds.add(message.id);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const message = JSON.parse(String(frame)) as { kind: string; id?: number; result?: object };
      if (message.kind === 'result' && infoIds.has(message.id!)) {
        ws.send(JSON.stringify({ ...message, result: { ...message.result, canPickFolders: true } }));
        return;
      }
      ws.send(frame);
    });
  });
  return asked;
}

test('in the desktop app, Browse… fills the import and export folders from the native picker', async ({
  page,
  appUrl,
}) => {
  const asked = await actAsDesktop(page, ['/data/picked-source', null, '/data/picked-export']);
  await page.goto(appUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await createProject(page, uniqueProjectName('picker'));

  const importForm = page.getByTestId('import-form');
  const source = importForm.getByLabel('Folder or file to import');
  await importForm.getByRole('button', { name: 'Browse…' }).click();
  await expect(source).toHaveValue('/data/picked-source');
  // Cancelling the picker keeps what was there.
  await importForm.getByRole('button', { name: 'Browse…' }).click();
  await expect.poll(() => asked.length).toBe(2);
  await expect(source).toHaveValue('/data/picked-source');
  expect(asked.map((a) => a.purpose)).toEqual(['import', 'import']);

  // The export panel needs a compressed set: a quick demo makes one.
  const demo = page.getByTestId('demo-form');
  await demo.getByLabel('Images per class (IPC)').fill('1');
  await demo.getByLabel('Model width').fill('8');
  await demo.getByLabel('Training images per class').fill('10');
  await demo.getByLabel('Also train on the full data for comparison').uncheck();
  await page.getByRole('button', { name: 'Start demo' }).click();
  await expect(page.getByTestId('demo-result')).toBeVisible({ timeout: 120_000 });

  await openStep(page, 'export');
  const exportForm = page.getByTestId('export-form');
  await exportForm.getByRole('button', { name: 'Browse…' }).click();
  await expect(exportForm.getByLabel('Export folder')).toHaveValue('/data/picked-export');
  expect(asked.at(-1)).toEqual({ title: 'Choose a folder to export to', purpose: 'export' });
});
