/**
 * The server half of scripts/bench-grid.ts, in its own process as in the browser tests
 * (tests/browser/serve-fixture.ts), but serving a renderer built into the benchmark's own folder
 * so it never replaces the build other people's browser tests are serving.
 *
 *   node bin/run-ts.mjs scripts/bench-grid-serve.ts <workspace> <static dir>
 *
 * Prints one JSON line {url} once listening; stops on SIGTERM/SIGINT or when stdin closes.
 */
import { resolve } from 'node:path';
import { createBackend } from '../src/main/api/backend';
import { createNodeLauncher } from '../src/main/jobs/node-launcher';
import { startBridge } from '../src/main/server/bridge';

const [workspace, staticDir] = process.argv.slice(2);
if (!workspace || !staticDir) {
  console.error('usage: bench-grid-serve.ts <workspace> <static dir>');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const backend = createBackend({
  workspace,
  resourcesDir: resolve(root, 'resources'),
  launcher: createNodeLauncher(),
});
const bridge = await startBridge({ backend, staticDir });
console.log(JSON.stringify({ url: bridge.url }));

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
process.stdin.resume();
process.stdin.once('end', () => void stop());
