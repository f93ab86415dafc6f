import { vi } from 'vitest';
import { createBackend } from '../../src/main/api/backend';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { createIpcMainTransport } from '../../src/main/electron/ipc-transport';
import { APP_ORIGIN, BRIDGE_NAME, RPC_CHANNEL } from '../../src/main/electron/security-policy';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { openConnection, planConnection } from '../../src/renderer/lib/connection';
import { FakeIpcMain, FakeWindow, flush } from '../unit/electron/fake-electron-ipc';
import { transportParitySuite, type ParityRig } from './fixtures/transport-parity-suite';

/*
 * The desktop window's path with Electron faked: the page finds `window.datapress` (exposed by
 * the real preload.ts through a fake contextBridge), sends through a fake ipcRenderer to a fake
 * ipcMain, and the main side's real ipc-transport.ts (sender checks included) serves the backend,
 * wired as main.ts wires it.
 */

const electronFake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  renderer: null as null | {
    send(channel: string, payload: unknown): void;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  },
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => electronFake.exposed.set(name, api),
  },
  ipcRenderer: {
    send: (channel: string, payload: unknown) => electronFake.renderer?.send(channel, payload),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      electronFake.renderer?.on(channel, listener),
  },
}));

const APP_PAGE = `${APP_ORIGIN}/index.html`;

async function ipcRig(workspace: string): Promise<ParityRig> {
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  const ipcMain = new FakeIpcMain();
  const window = new FakeWindow(ipcMain, APP_PAGE);
  electronFake.renderer = window.ipcRenderer;
  electronFake.exposed.clear();
  vi.resetModules(); // each window runs its own preload
  await import('../../src/main/electron/preload');
  const exposed = electronFake.exposed.get(BRIDGE_NAME);

  const logs: string[] = [];
  const transport = createIpcMainTransport({
    ipcMain,
    webContents: window.webContents,
    allowedOrigins: [APP_ORIGIN],
    log: (line) => logs.push(line),
  });
  const detach = backend.connect(transport);

  const page = () => {
    // What the page sees: the preload's object on window, and the app:// location.
    const plan = planConnection({
      datapress: exposed,
      location: { protocol: 'app:', host: 'datapress', hash: '' },
    });
    if (plan.kind !== 'ipc') throw new Error(`the page planned ${plan.kind}`);
    return openConnection(plan);
  };
  const connection = page();

  const request = (project: string) => ({
    kind: 'request',
    id: 1,
    method: 'projects.create',
    params: { project },
  });
  const refused = async (deliver: () => void) => {
    const before = logs.length;
    deliver();
    await flush();
    if (logs.length !== before + 1)
      throw new Error(`expected one refusal in the log, got: ${logs.slice(before)}`);
  };
  const otherWindow = new FakeWindow(ipcMain, APP_PAGE);
  return {
    connection,
    backend,
    strangers: [
      // Another window's webContents, on the app's own page.
      (project) =>
        refused(() => ipcMain.deliver(RPC_CHANNEL, otherWindow.webContents, APP_PAGE, request(project))),
      // A sub-frame inside this window, even on the app origin.
      (project) =>
        refused(() => ipcMain.deliver(RPC_CHANNEL, window.webContents, APP_PAGE, request(project), 'sub')),
      // This window after navigating somewhere else, and a frame already gone.
      (project) =>
        refused(() =>
          ipcMain.deliver(RPC_CHANNEL, window.webContents, 'https://evil.example/', request(project)),
        ),
      (project) => refused(() => ipcMain.deliver(RPC_CHANNEL, window.webContents, null, request(project))),
    ],
    openAnother: page,
    // main.ts on the window's 'closed': detach from the backend, close the transport; the window is gone.
    async dropFromMainSide() {
      detach();
      transport.close();
      window.destroyed = true;
    },
    mainSideListening: () => ipcMain.listenerCount(RPC_CHANNEL) > 0,
    async dispose() {
      connection.api.close();
      detach();
      transport.close();
      await backend.close();
    },
  };
}

transportParitySuite('Electron IPC (preload bridge ↔ ipc-transport)', ipcRig, {
  pageOutlivesMainSide: false,
});
