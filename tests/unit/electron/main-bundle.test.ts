import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/security-policy';

/*
 * The built desktop main process, booted under plain Node against a fake 'electron'
 * (fake-electron/): where no Electron binary can run, this still proves that the bundles build,
 * load as ES modules with their externals, wire the backend to the IPC transport, refuse foreign
 * senders, run a real job in the built job-worker.js, show progress and close cleanly on quit.
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bootScript = fileURLToPath(new URL('./fake-electron/boot-main.mjs', import.meta.url));
const mainJs = join(repo, '.vite/build/main.js');

/** What boot-main.mjs prints (see there). */
interface BootReport {
  beforeReady: string[];
  calls: string[];
  schemes: [string, { scheme: string; privileges: Record<string, boolean> }[]];
  windows: number;
  url: string;
  webPreferences: Record<string, unknown>;
  protocol: { scheme: string; status: number; csp: string | null };
  permission: boolean;
  permissionCheck: boolean;
  externalRequest: unknown;
  ownRequest: unknown;
  navigationPrevented: boolean;
  windowOpen: unknown;
  create: unknown;
  foreignAnswered: boolean;
  jobStarted: unknown;
  job: { status: string; error: unknown; backend?: string } | undefined;
  forks: { path: string; options: unknown }[];
  progress: number[];
  events: number;
  quit: string[];
}

let userData: string;
let report: BootReport;

beforeAll(async () => {
  for (const config of ['vite.main.config.ts', 'vite.preload.config.ts']) {
    await build({ configFile: join(repo, config), root: repo, logLevel: 'silent', mode: 'production' });
  }
  userData = mkdtempSync(join(tmpdir(), 'datapress-main-bundle-'));
  const run = spawnSync(process.execPath, [bootScript, mainJs], {
    cwd: repo,
    env: { ...process.env, DATAPRESS_USER_DATA: userData },
    encoding: 'utf8',
    timeout: 150_000,
  });
  const line = run.stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line)
    throw new Error(`boot-main.mjs printed no report (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  report = JSON.parse(line.slice('REPORT '.length)) as BootReport;
}, 180_000);

afterAll(() => {
  if (userData) rmSync(userData, { recursive: true, force: true });
});

describe('built main process (fake electron)', () => {
  it('builds main.js, job-worker.js and preload.cjs side by side', () => {
    for (const file of ['main.js', 'job-worker.js', 'preload.cjs'])
      expect(existsSync(join(repo, '.vite/build', file)), file).toBe(true);
  });

  it('registers the app scheme, enables the sandbox and takes the lock before ready', () => {
    expect(report.beforeReady).toEqual(
      expect.arrayContaining(['registerSchemes', 'enableSandbox', 'singleInstanceLock']),
    );
    expect(report.schemes[1]).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('opens one locked-down window on app://datapress with the built preload', () => {
    expect(report.windows).toBe(1);
    expect(report.url).toBe('app://datapress/index.html');
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(report.webPreferences.preload).toBe(join(repo, '.vite/build/preload.cjs'));
    expect(report.calls).toContain('menu');
  });

  it('serves the renderer with the CSP header and denies permissions, network, navigation, popups', () => {
    expect(report.protocol.scheme).toBe('app');
    // 404 when the renderer has not been built in this checkout; the header is checked when it is.
    if (report.protocol.status === 200) expect(report.protocol.csp).toBe(CONTENT_SECURITY_POLICY);
    else expect(report.protocol.status).toBe(404);
    expect(report.permission).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.externalRequest).toEqual({ cancel: true });
    expect(report.ownRequest).toEqual({ cancel: false });
    expect(report.navigationPrevented).toBe(true);
    expect(report.windowOpen).toEqual({ action: 'deny' });
  });

  it('answers the window over IPC and ignores foreign senders', () => {
    expect(report.create).toMatchObject({ kind: 'result', id: 1, result: { name: 'alpha', datasets: 0 } });
    expect(existsSync(join(userData, 'projects', 'alpha'))).toBe(true);
    expect(report.foreignAnswered).toBe(false);
  });

  it('runs a job in the built job-worker.js and shows its progress', () => {
    expect(report.jobStarted).toBe('running');
    expect(report.forks).toHaveLength(1);
    expect(report.forks[0]?.path).toBe(join(repo, '.vite/build/job-worker.js'));
    expect(report.job).toMatchObject({ status: 'succeeded', error: null });
    expect(report.events).toBeGreaterThan(0);
    expect(report.progress.length).toBeGreaterThan(0);
    expect(report.progress.at(-1)).toBe(-1);
  });

  it('closes the backend on quit and then exits', () => {
    expect(report.quit).toEqual(['quit', 'quit', 'exited']);
  });
});
