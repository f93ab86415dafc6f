/**
 * The real Node side for browser tests: the production backend (store, job runner, worker
 * processes) behind the loopback bridge, on a throwaway workspace. Run as a child process by
 * global-setup.ts so the workers and native modules load under tsx, exactly as `datapress serve`.
 *
 *   node bin/run-ts.mjs tests/browser/serve-fixture.ts <workspace> [static dir]
 *
 * The static dir defaults to the shared build (.vite/renderer/main_window); scripts/bench-grid.ts
 * passes a build of its own so it never replaces the one browser tests are serving.
 *
 * Prints one JSON line {url, port, token} once listening; stops on SIGTERM/SIGINT or when stdin closes.
 */
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../src/main/api/backend';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { startBridge } from '../../src/main/server/bridge';

const [workspace, staticDir] = process.argv.slice(2);
if (!workspace) {
  console.error('usage: serve-fixture.ts <workspace> [static dir]');
  process.exit(2);
}
const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

const backend = createBackend({ workspace, resourcesDir: repo('resources'), launcher: createNodeLauncher() });
const bridge = await startBridge({ backend, staticDir: staticDir ?? repo('.vite/renderer/main_window') });
console.log(JSON.stringify({ url: bridge.url, port: bridge.port, token: bridge.token }));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await backend.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// The test runner holds our stdin open; if it dies without signalling, we go too.
process.stdin.resume();
process.stdin.once('end', () => void stop());
