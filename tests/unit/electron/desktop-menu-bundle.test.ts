import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, newUserData, removeApp, runScenario } from './fake-electron/built-app';

/*
 * The menu the built main process sets (fake electron): desktop-menu.test.ts checks the
 * builder; this checks that main.ts offers DevTools only when the app is not packaged.
 */

interface MenuReport {
  menu: MenuItemConstructorOptions[] | null;
}

let app: string;
let development: MenuReport;
let packaged: MenuReport;

beforeAll(async () => {
  app = await buildApp();
  development = runScenario<MenuReport>(app, 'menu', newUserData(app, 'development'));
  packaged = runScenario<MenuReport>(app, 'menu', newUserData(app, 'packaged'), {
    FAKE_ELECTRON_PACKAGED: '1',
  });
}, 120_000);

afterAll(() => removeApp(app));

const viewRoles = (report: MenuReport) => {
  const view = report.menu?.find((item) => item.label === 'View')?.submenu;
  return Array.isArray(view) ? view.map((item) => item.role) : [];
};

describe('desktop: the menu main.ts sets', () => {
  it('offers DevTools in a development run', () => {
    expect(viewRoles(development)).toContain('toggleDevTools');
  });

  it('leaves DevTools out of a packaged app, which still has the rest of View', () => {
    expect(viewRoles(packaged)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'togglefullscreen']));
    expect(viewRoles(packaged)).not.toContain('toggleDevTools');
  });
});
