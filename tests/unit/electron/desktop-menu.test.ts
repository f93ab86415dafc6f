import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenu } from '../../../src/main/electron/app-menu';

/*
 * The application menu from app-menu.ts's builder. Electron's Menu is faked to hand back the
 * template it is built from, so the test reads the menu the builder asked for.
 */

vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
}));

type Item = MenuItemConstructorOptions;

function menuFor(isMac: boolean, devTools: boolean): Item[] {
  const menu = buildAppMenu({ appName: 'DataPress', isMac, devTools }) as unknown as { template: Item[] };
  return menu.template;
}

/** Top-level menus by their label (or role, for Help). */
const titles = (menu: Item[]) => menu.map((item) => item.label ?? item.role);

/** The roles in one top-level menu, in order, separators left out. */
function rolesOf(menu: Item[], title: string): string[] {
  const top = menu.find((item) => (item.label ?? item.role) === title);
  if (!top) throw new Error(`no menu ${title}`);
  const submenu = Array.isArray(top.submenu) ? top.submenu : [];
  return submenu.filter((item) => item.type !== 'separator').map((item) => item.role ?? '?');
}

const EDIT = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'];
const ZOOM_AND_FULLSCREEN = ['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'];

describe('application menu on macOS', () => {
  const menu = menuFor(true, false);

  it('leads with the app menu: about, services, hide, hide others, show all, quit', () => {
    expect(titles(menu)).toEqual(['DataPress', 'File', 'Edit', 'View', 'Window']);
    expect(rolesOf(menu, 'DataPress')).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('has File with close (quit is in the app menu) and the Edit roles', () => {
    expect(rolesOf(menu, 'File')).toEqual(['close']);
    expect(rolesOf(menu, 'Edit')).toEqual(EDIT);
  });

  it('has View with reload, zoom and full screen, and Window with minimize, zoom, front', () => {
    expect(rolesOf(menu, 'View')).toEqual(['reload', ...ZOOM_AND_FULLSCREEN]);
    expect(rolesOf(menu, 'Window')).toEqual(['minimize', 'zoom', 'front']);
  });
});

describe('application menu on Windows and Linux', () => {
  const menu = menuFor(false, false);

  it('has no app menu, and File quits', () => {
    expect(titles(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(rolesOf(menu, 'File')).toEqual(['quit']);
  });

  it('has the Edit and View roles, and Window with minimize and close', () => {
    expect(rolesOf(menu, 'Edit')).toEqual(EDIT);
    expect(rolesOf(menu, 'View')).toEqual(['reload', ...ZOOM_AND_FULLSCREEN]);
    expect(rolesOf(menu, 'Window')).toEqual(['minimize', 'close']);
  });

  it('puts About in Help, where these platforms look for it', () => {
    expect(rolesOf(menu, 'help')).toEqual(['about']);
  });
});

describe('DevTools in the View menu', () => {
  it('is offered in development builds, right after reload, on both platforms', () => {
    for (const isMac of [true, false])
      expect(rolesOf(menuFor(isMac, true), 'View')).toEqual([
        'reload',
        'toggleDevTools',
        ...ZOOM_AND_FULLSCREEN,
      ]);
  });

  it('is absent from packaged builds', () => {
    for (const isMac of [true, false])
      expect(rolesOf(menuFor(isMac, false), 'View')).not.toContain('toggleDevTools');
  });
});
