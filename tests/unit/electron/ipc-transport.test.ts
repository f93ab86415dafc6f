import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createApiClient, type ApiClient } from '../../../src/shared/api/api-client';
import { emitEvent } from '../../../src/shared/api/api-server';
import { methods } from '../../../src/shared/api/contract';
import { createBridgeTransport, type DatapressBridge } from '../../../src/shared/rpc/bridge-transport';
import { ApiError } from '../../../src/shared/rpc/errors';
import { serveRpc } from '../../../src/shared/rpc/server';
import type { Transport } from '../../../src/shared/rpc/transport';
import { createIpcMainTransport } from '../../../src/main/electron/ipc-transport';
import { APP_ORIGIN, BRIDGE_NAME, RPC_CHANNEL } from '../../../src/main/electron/security-policy';
import { FakeIpcMain, FakeWindow, flush } from './fake-electron-ipc';

/*
 * A real API round trip through the desktop app's IPC path, with Electron faked:
 *   createApiClient → createBridgeTransport → preload.ts (window.datapress) → fake ipcRenderer
 *   → fake ipcMain → createIpcMainTransport → serveRpc
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

interface Rig {
  ipcMain: FakeIpcMain;
  window: FakeWindow;
  bridge: DatapressBridge;
  main: Transport;
  client: ApiClient;
  logs: string[];
  handled: string[];
}

const APP_PAGE = `${APP_ORIGIN}/index.html`;

async function rig(): Promise<Rig> {
  const ipcMain = new FakeIpcMain();
  const window = new FakeWindow(ipcMain, APP_PAGE);
  electronFake.renderer = window.ipcRenderer;
  electronFake.exposed.clear();
  // A fresh preload per test, as each window gets its own.
  vi.resetModules();
  await import('../../../src/main/electron/preload');
  const bridge = electronFake.exposed.get(BRIDGE_NAME) as DatapressBridge;

  const logs: string[] = [];
  const handled: string[] = [];
  const main = createIpcMainTransport({
    ipcMain,
    webContents: window.webContents,
    allowedOrigins: [APP_ORIGIN],
    log: (line) => logs.push(line),
  });
  serveRpc(main, {
    'app.info': {
      params: z.object({}),
      handler: async () => {
        handled.push('app.info');
        return { version: '1.2.3', workspace: '/tmp/projects', schemaVersion: 7 };
      },
    },
    'jobs.get': {
      params: methods['jobs.get'].params,
      handler: async (params: { project: string; jobId: number }) => {
        handled.push('jobs.get');
        throw new ApiError('not_found', `job ${params.jobId} not found in ${params.project}`, {
          jobId: params.jobId,
        });
      },
    },
  });
  const client = createApiClient(createBridgeTransport(bridge));
  return { ipcMain, window, bridge, main, client, logs, handled };
}

const request = { kind: 'request', id: 41, method: 'app.info', params: {} } as const;

describe('Electron IPC round trip (preload bridge ↔ main transport)', () => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig();
  });

  it('exposes exactly one narrow bridge object', () => {
    expect([...electronFake.exposed.keys()]).toEqual([BRIDGE_NAME]);
    expect(Object.keys(r.bridge).sort()).toEqual(['onMessage', 'send']);
  });

  it('answers a request with its result', async () => {
    await expect(r.client.call('app.info', {})).resolves.toEqual({
      version: '1.2.3',
      workspace: '/tmp/projects',
      schemaVersion: 7,
    });
  });

  it('carries errors as {code, message, details}', async () => {
    const error = await r.client.call('jobs.get', { project: 'alpha', jobId: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'not_found',
      message: 'job 4 not found in alpha',
      details: { jobId: 4 },
    });

    await expect(r.client.call('jobs.get', { project: 'alpha', jobId: -1 })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(r.client.call('projects.list', {})).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('delivers events from the main side to subscribers', async () => {
    const received: unknown[] = [];
    r.client.on('jobs.onProgress', (payload) => received.push(payload));
    const payload = {
      project: 'alpha',
      jobId: 3,
      phase: 'train',
      done: 5,
      total: 10,
      rate: 2.5,
      etaSeconds: 2,
      fraction: 0.5,
    };
    emitEvent(r.main, 'jobs.onProgress', payload);
    await flush();
    expect(received).toEqual([payload]);
  });

  it('refuses a message from a foreign sender (another webContents)', async () => {
    const sent = vi.spyOn(r.window.webContents, 'send');
    const stranger = { send: () => {}, isDestroyed: () => false };
    r.ipcMain.deliver(RPC_CHANNEL, stranger, APP_PAGE, request);
    await flush();
    expect(r.handled).toEqual([]);
    expect(sent).not.toHaveBeenCalled();
    expect(r.logs.join('\n')).toMatch(/foreign sender/);
  });

  it('refuses a message from a frame outside the app origin', async () => {
    for (const url of [
      'https://evil.example/',
      'app://evil/index.html',
      'file:///tmp/index.html',
      'app://datapress:81/x',
      null,
    ]) {
      r.ipcMain.deliver(RPC_CHANNEL, r.window.webContents, url, request);
    }
    await flush();
    expect(r.handled).toEqual([]);
    expect(r.logs).toHaveLength(5);
  });

  it('refuses a message from a sub-frame of the window, even on the app origin', async () => {
    r.ipcMain.deliver(RPC_CHANNEL, r.window.webContents, APP_PAGE, request, 'sub');
    r.ipcMain.deliver(RPC_CHANNEL, r.window.webContents, 'https://evil.example/', request, 'sub');
    await flush();
    expect(r.handled).toEqual([]);
    expect(r.logs.filter((line) => line.includes('sub-frame'))).toHaveLength(2);
  });

  it('refuses malformed messages on the main side', async () => {
    r.ipcMain.deliver(RPC_CHANNEL, r.window.webContents, APP_PAGE, {
      kind: 'request',
      id: 'x',
      method: 'app.info',
    });
    r.ipcMain.deliver(RPC_CHANNEL, r.window.webContents, APP_PAGE, 'app.info');
    await flush();
    expect(r.handled).toEqual([]);
    expect(r.logs.filter((line) => line.includes('malformed'))).toHaveLength(2);
  });

  it('lets only wire messages out of the page, without extra keys', async () => {
    expect(() => r.bridge.send({ hello: 'world' })).toThrow(TypeError);
    expect(() => r.bridge.send(undefined)).toThrow(TypeError);
    const seen: unknown[] = [];
    r.ipcMain.on(RPC_CHANNEL, (_event, payload) => seen.push(payload));
    r.bridge.send({ ...request, sneaky: 'extra' });
    await flush();
    expect(seen).toEqual([request]);
  });

  it('drops malformed messages arriving in the page', async () => {
    const transport = createBridgeTransport(r.bridge);
    const got: unknown[] = [];
    transport.onMessage((message) => got.push(message));
    r.window.webContents.send(RPC_CHANNEL, { kind: 'event', stream: 42 });
    r.window.webContents.send(RPC_CHANNEL, { kind: 'event', stream: 'jobs.onChange', payload: { ok: true } });
    await flush();
    expect(got).toEqual([{ kind: 'event', stream: 'jobs.onChange', payload: { ok: true } }]);
    transport.close();
    expect(() => transport.send(request)).toThrow(/closed/);
  });

  it('stops listening when closed and never sends to a destroyed window', async () => {
    const sent = vi.spyOn(r.window.webContents, 'send');
    r.window.destroyed = true;
    emitEvent(r.main, 'jobs.onChange', { project: 'alpha', job: {} as never });
    expect(sent).not.toHaveBeenCalled();
    expect(r.ipcMain.listenerCount(RPC_CHANNEL)).toBe(1);
    r.main.close();
    expect(r.ipcMain.listenerCount(RPC_CHANNEL)).toBe(0);
  });
});
