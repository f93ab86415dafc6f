import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  BRIDGE_NAME,
  CONTENT_SECURITY_POLICY,
  RPC_CHANNEL,
  WEB_PREFERENCES,
} from '../../../src/main/electron/security-policy';
import { type ProbeReport, type ContentsProbe } from './security-report';

/*
 * The security settings as the built app applies them, not as the source declares them: the
 * project's own Vite configs build main, preload and renderer into a throwaway app folder laid out
 * like the packaged one (package.json + .vite/), then security-probe.mjs boots main.js against the
 * fake 'electron' and the preload runs in a bare V8 context, as in Electron's sandbox. Turning any
 * setting of the Electron security checklist off makes a test here fail. (Own folder, so it never
 * races main-bundle.test.ts, which builds into .vite/.)
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const probeScript = fileURLToPath(new URL('./security-probe.mjs', import.meta.url));

let app: string;
let report: ProbeReport;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'datapress-built-app-'));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'datapress', type: 'module', main: '.vite/build/main.js' }),
  );
  symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
  symlinkSync(join(repo, 'resources'), join(app, 'resources'), 'dir');
  const outDirs: Record<string, string> = {
    'vite.main.config.ts': join(app, '.vite/build'),
    'vite.preload.config.ts': join(app, '.vite/build'),
    'vite.renderer.config.ts': join(app, '.vite/renderer/main_window'),
  };
  for (const [config, outDir] of Object.entries(outDirs)) {
    await build({
      configFile: join(repo, config),
      logLevel: 'silent',
      mode: 'production',
      build: { outDir, sourcemap: false },
    });
  }
  const userData = join(app, 'user-data');
  mkdirSync(userData);
  const run = spawnSync(process.execPath, [probeScript, join(app, '.vite/build/main.js')], {
    cwd: app,
    env: { ...process.env, DATAPRESS_USER_DATA: userData },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line)
    throw new Error(`security-probe.mjs printed no report (${run.status}):\n${run.stdout}\n${run.stderr}`);
  report = JSON.parse(line.slice('REPORT '.length)) as ProbeReport;
}, 240_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

const expectLockedDown = (contents: ContentsProbe) => {
  expect(contents.navigationPrevented).toBe(true);
  expect(contents.sameOriginNavigationPrevented).toBe(true);
  expect(contents.webviewPrevented).toBe(true);
  expect(contents.windowOpen).toEqual({ action: 'deny' });
  expect(contents.windowOpenApp).toEqual({ action: 'deny' });
};

describe('built main process: the window', () => {
  it('has every webPreference of the checklist, exactly as security-policy.ts declares them', () => {
    expect(report.windows).toBe(1);
    expect(report.url).toBe(`${APP_ORIGIN}/index.html`);
    const prefs = report.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).toEqual({ ...WEB_PREFERENCES, preload: join(app, '.vite/build/preload.cjs') });
  });

  it('enables the sandbox for every renderer and registers app:// before ready, without CSP bypass', () => {
    expect(report.beforeReady).toEqual(expect.arrayContaining(['registerSchemes', 'enableSandbox']));
    expect(report.schemes).toHaveLength(1);
    const [scheme] = report.schemes;
    expect(scheme?.scheme).toBe('app');
    expect(scheme?.privileges).toMatchObject({ standard: true, secure: true });
    expect(scheme?.privileges.bypassCSP).toBeFalsy();
    expect(scheme?.privileges.allowServiceWorkers).toBeFalsy();
    expect(report.rpcListeners).toBe(1);
  });

  it('denies navigation, new windows and <webview>, in the window and in any other webContents', () => {
    expectLockedDown(report.window);
    expectLockedDown(report.otherContents);
    expect(report.downloadPrevented).toBe(true);
  });
});

describe('built main process: the session', () => {
  it('denies every permission request and check, and every device', () => {
    expect(Object.keys(report.permissionRequests).length).toBeGreaterThan(10);
    for (const [permission, granted] of Object.entries(report.permissionRequests))
      expect(granted, permission).toBe(false);
    for (const [permission, granted] of Object.entries(report.permissionChecks))
      expect(granted, permission).toBe(false);
    expect(report.devicePermission).toBe(false);
  });

  it('lets requests reach the app itself only', () => {
    const cancelled = Object.fromEntries(
      Object.entries(report.requests).map(([url, answer]) => [url, answer.cancel]),
    );
    expect(cancelled).toEqual({
      'app://datapress/assets/index.js': false,
      'data:image/png;base64,AAAA': false,
      'https://example.com/script.js': true,
      'http://127.0.0.1:8080/': true,
      'ws://127.0.0.1:5173/': true,
      'wss://example.com/socket': true,
      'file:///etc/passwd': true,
      'https://fonts.googleapis.com/css2?family=Inter': true,
    });
  });

  it("puts the app's CSP header on its own pages, replacing any other, and leaves others alone", () => {
    const own = report.headersOwn.responseHeaders ?? {};
    expect(own['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(own['content-security-policy']).toBeUndefined();
    expect(own['Content-Type']).toEqual(['text/html']);
    expect(report.headersForeign).toEqual({});
  });
});

describe('built renderer served on app://', () => {
  it('comes with the CSP header and the CSP meta tag', () => {
    expect(report.page.status).toBe(200);
    expect(report.page.csp).toBe(CONTENT_SECURITY_POLICY);
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
      report.page.body,
    )?.[1];
    expect(meta).toMatch(/script-src 'self';/);
    expect(meta).not.toMatch(/unsafe-|https?:/);
    // Vite inlines nothing (assetsInlineLimit 0): every script is a file under 'self'.
    expect(report.page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('never answers for a file outside the renderer folder, nor for other methods', () => {
    for (const { url, status } of report.outside) expect(status, url).toBe(404);
    expect(report.post).toBe(405);
  });

  it('quits cleanly', () => {
    expect(report.quit).toEqual(['quit', 'quit', 'exited']);
  });
});

describe('built preload (sandboxed: bare V8 context, only "electron" to require)', () => {
  function runPreload() {
    const exposed = new Map<string, Record<string, unknown>>();
    const channels: string[] = [];
    const sent: [string, unknown][] = [];
    const required: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api),
      },
      ipcRenderer: {
        on: (channel: string) => channels.push(channel),
        send: (channel: string, message: unknown) => sent.push([channel, message]),
      },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const code = readFileSync(join(app, '.vite/build/preload.cjs'), 'utf8');
    const wrapper = runInNewContext(`(function (require, module, exports) {${code}\n})`, { console }) as (
      require: (id: string) => unknown,
      module: { exports: object },
      exports: object,
    ) => void;
    const module = { exports: {} };
    wrapper(sandboxRequire, module, module.exports);
    return { exposed, channels, sent, required };
  }

  it('exposes exactly one object, window.datapress = {send, onMessage}', () => {
    const { exposed, channels, required } = runPreload();
    expect([...exposed.keys()]).toEqual([BRIDGE_NAME]);
    const bridge = exposed.get(BRIDGE_NAME) ?? {};
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);
    expect(typeof bridge.send).toBe('function');
    expect(typeof bridge.onMessage).toBe('function');
    expect(channels).toEqual([RPC_CHANNEL]);
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('sends only wire messages, on the one channel', () => {
    const { exposed, sent } = runPreload();
    const send = exposed.get(BRIDGE_NAME)?.send as (message: unknown) => void;
    expect(() => send({ channel: 'other', payload: 1 })).toThrow(/not a wire message/);
    send({ kind: 'request', id: 1, method: 'app.info', params: {}, extra: 'dropped' });
    expect(sent).toEqual([[RPC_CHANNEL, { kind: 'request', id: 1, method: 'app.info', params: {} }]]);
  });
});

describe('built main bundle: native modules stay external', () => {
  it('imports better-sqlite3, sharp and tfjs-node(-gpu) at run time instead of bundling them', () => {
    const dir = join(app, '.vite/build');
    const code = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(code).toMatch(/from ["']better-sqlite3["']/);
    expect(code).toMatch(/from ["']sharp["']/);
    expect(code).toContain('"@tensorflow/tfjs-node-gpu"');
    expect(code).toContain('"@tensorflow/tfjs-node"');
    for (const internal of ['better_sqlite3.node', '@img/sharp-libvips', 'tfjs_binding'])
      expect(code, internal).not.toContain(internal);
  });
});
