import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Starts the real Node side (serve-fixture.ts) on a temporary workspace and hands its URL to
 * the tests in DATAPRESS_URL. Builds nothing: `npm run test:browser` builds the renderer first.
 * Returns the teardown, which stops the server and deletes the workspace.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(repo, '.vite/renderer/main_window/index.html'))) {
    throw new Error(
      'the renderer is not built: run `npm run build:renderer` (npm run test:browser does this)',
    );
  }
  const workspace = mkdtempSync(join(tmpdir(), 'datapress-browser-'));
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'tests/browser/serve-fixture.ts', workspace], {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const info = await firstJsonLine(child);
    process.env.DATAPRESS_URL = info.url;
    process.env.DATAPRESS_WORKSPACE = workspace;
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(workspace, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await stop(child);
    rmSync(workspace, { recursive: true, force: true });
  };
}

function firstJsonLine(child: ChildProcess): Promise<{ url: string }> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the test server did not start within 60 s')),
      STARTUP_TIMEOUT_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test server exited early (code ${code})`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url !== 'string') return;
        clearTimeout(timer);
        resolvePromise({ url: parsed.url });
      } catch {
        // not our line (a log message)
      }
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
