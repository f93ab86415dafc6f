/**
 * Starts a worker thread from one of our modules. Under tsx (dev, tests, CLI, benchmarks) the
 * module is TypeScript and a worker does not inherit the parent's loader, so a tiny ESM
 * bootstrap registers tsx inside the worker first; a bundled build passes a .js module.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  // The package's "exports" hide its files; its package.json locates the ESM register API.
  return pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
}

export function spawnModuleWorker(moduleUrl: URL): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl);
  const bootstrap =
    `import { register } from ${JSON.stringify(tsxEsmApiUrl())};\n` +
    `register();\n` +
    `await import(${JSON.stringify(moduleUrl.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`));
}
