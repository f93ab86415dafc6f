#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, sample maker) through tsx: node bin/run-ts.mjs scripts/x.ts [args]
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const script = process.argv[2];
if (!script) {
  console.error('usage: run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(resolve(script)).href);
