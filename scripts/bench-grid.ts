/**
 * The dataset browser's grid on a 100,000-image dataset, in the real UI and the real backend:
 *   1. writes an IDX folder (100,000 patterned 28×28 training images, all distinct, and a small
 *      test split: the IDX reader needs both) and imports it through the API's import job;
 *   2. builds the UI into its own folder, serves it as the browser tests do (a server process,
 *      tests/browser/serve-fixture.ts with its own build) and opens the dataset's "Browse all images" in /usr/bin/chromium
 *      (playwright-core, fresh profile);
 *   3. `--runs` times: scrolls the grid from top to bottom in `--segments` stretches of `--step`
 *      px per animation frame, stopping after each until the visible thumbnails have loaded.
 * Prints one JSON object (medians over runs, and each run) and writes bench-results/grid.json.
 *
 *   node bin/run-ts.mjs scripts/bench-grid.ts [--images 100000] [--runs 3] [--segments 20]
 *     [--step 500]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { connectApi, jobResult } from '../tests/browser/api';
import { PAGE_SCRIPT, type PageRun } from './bench-grid-page';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    segments: { type: 'string', default: '20' },
    step: { type: 'string', default: '500' },
  },
});
const IMAGES = Number(values.images);
const RUNS = Number(values.runs);
const SEGMENTS = Number(values.segments);
const STEP = Number(values.step);
const SIDE = 28;
const CLASSES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'datapress-bench-grid-'));

const round = (x: number, digits = 1) => Number(x.toFixed(digits));
function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}
const median = (xs: readonly number[]) => quantile(xs, 0.5);

/** An IDX image/label pair; every image differs (its index is in its first three bytes). */
function writeIdxPair(dir: string, stem: 'train' | 't10k', count: number): void {
  const size = SIDE * SIDE;
  const images = Buffer.alloc(16 + count * size);
  images.writeUInt32BE(0x803, 0);
  images.writeUInt32BE(count, 4);
  images.writeUInt32BE(SIDE, 8);
  images.writeUInt32BE(SIDE, 12);
  const labels = Buffer.alloc(8 + count);
  labels.writeUInt32BE(0x801, 0);
  labels.writeUInt32BE(count, 4);
  for (let i = 0; i < count; i++) {
    const label = i % CLASSES.length;
    labels[8 + i] = label;
    const at = 16 + i * size;
    for (let p = 0; p < size; p++)
      images[at + p] = ((p % SIDE) * 9 + Math.floor(p / SIDE) * label * 3 + i) & 0xff;
    images[at] = i & 0xff;
    images[at + 1] = (i >> 8) & 0xff;
    images[at + 2] = (i >> 16) & 0xff;
  }
  writeFileSync(join(dir, `${stem}-images-idx3-ubyte`), images);
  writeFileSync(join(dir, `${stem}-labels-idx1-ubyte`), labels);
}

/** Starts the server (tests/browser/serve-fixture.ts) and returns its URL (with the token) and the process. */
async function serve(workspace: string, staticDir: string): Promise<{ url: string; child: ChildProcess }> {
  const args = ['bin/run-ts.mjs', 'tests/browser/serve-fixture.ts', workspace, staticDir];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`the server exited early (code ${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') done(parsed.url);
      } catch {
        // a log line
      }
    });
  });
  return { url, child };
}

/** Counts the page's datasets.samples requests and the largest answer, from the socket's frames. */
function sampleRequests() {
  const counts = { requests: 0, maxLimit: 0, maxItems: 0, latencies: [] as number[] };
  /** Request id → when it was sent. */
  const waiting = new Map<number, number>();
  const parse = (payload: string | Buffer) => {
    try {
      return JSON.parse(payload.toString()) as {
        kind?: string;
        id?: number;
        method?: string;
        params?: { limit?: number };
        result?: { items?: unknown[] };
      };
    } catch {
      return {};
    }
  };
  return {
    counts,
    reset: () => Object.assign(counts, { requests: 0, maxLimit: 0, maxItems: 0, latencies: [] }),
    sent: (payload: string | Buffer) => {
      const m = parse(payload);
      if (m.kind !== 'request' || m.method !== 'datasets.samples' || m.id === undefined) return;
      counts.requests++;
      counts.maxLimit = Math.max(counts.maxLimit, m.params?.limit ?? 0);
      waiting.set(m.id, performance.now());
    },
    received: (payload: string | Buffer) => {
      const m = parse(payload);
      const sent = m.id === undefined ? undefined : waiting.get(m.id);
      if (m.kind !== 'result' || sent === undefined) return;
      waiting.delete(m.id!);
      counts.latencies.push(performance.now() - sent);
      counts.maxItems = Math.max(counts.maxItems, m.result?.items?.length ?? 0);
    },
  };
}

async function main(): Promise<void> {
  // The renderer is built into this run's own folder: the shared .vite build may be in use.
  const staticDir = join(work, 'renderer');
  const build = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'vite.renderer.config.ts',
      '--outDir',
      staticDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) throw new Error('building the renderer failed');
  const source = join(work, 'digits');
  mkdirSync(source);
  writeIdxPair(source, 'train', IMAGES);
  writeIdxPair(source, 't10k', 1000);
  writeFileSync(join(source, 'classes.txt'), `${CLASSES.join('\n')}\n`);

  const workspace = join(work, 'workspace');
  const { url, child } = await serve(workspace, staticDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const api = connectApi(url);
    const project = 'grid';
    await api.call('projects.create', { project });
    const started = performance.now();
    const job = await api.call('datasets.import', { project, params: { path: source } });
    const report = (await jobResult(api, project, job, 900_000)) as { seconds: number };
    const importWall = (performance.now() - started) / 1000;

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const traffic = sampleRequests();
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => traffic.sent(payload));
      ws.on('framereceived', ({ payload }) => traffic.received(payload));
    });
    await page.goto(`${url}&route=/p/${project}/import`);
    const card = page.getByTestId('dataset-card');
    await card.getByRole('button', { name: 'Browse all images' }).click();
    const count = await card.getByTestId('browse-count').textContent();
    await card.getByTestId('grid-image').first().waitFor();
    await page.evaluate(PAGE_SCRIPT);

    const runs: ReturnType<typeof summarise>[] = [];
    for (let r = 0; r < RUNS; r++) {
      await page.evaluate('window.__gridBench.top()');
      traffic.reset();
      const run = (await page.evaluate(`window.__gridBench.run(${SEGMENTS}, ${STEP}, ${IMAGES})`)) as PageRun;
      runs.push(summarise(run, { ...traffic.counts, latencies: [...traffic.counts.latencies] }));
    }
    const mid = (pick: (r: (typeof runs)[number]) => number) => round(median(runs.map(pick)));
    const result = {
      images: IMAGES,
      shown: count?.replace(/\s+/g, ' ').trim(),
      importSeconds: { wall: round(importWall, 2), job: round(report.seconds, 2) },
      scroll: { runs: RUNS, segments: SEGMENTS, stepPxPerFrame: STEP, viewport: '1400×1000' },
      frameMs: {
        median: mid((r) => r.frameMs.median),
        p95: mid((r) => r.frameMs.p95),
        max: mid((r) => r.frameMs.max),
      },
      longTasks: { count: mid((r) => r.longTasks.count), maxMs: mid((r) => r.longTasks.maxMs) },
      maxImgInDom: mid((r) => r.maxImgInDom),
      requests: mid((r) => r.requests),
      maxItemsPerRequest: mid((r) => r.maxItemsPerRequest),
      requestMs: { median: mid((r) => r.requestMs.median) },
      scrollStopToLoadedMs: { median: mid((r) => r.scrollStopToLoadedMs.median) },
      perRun: runs,
      machine: { cores: availableParallelism(), loadavg: loadavg().map((x) => round(x, 2)) },
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'grid.json'), `${JSON.stringify(result, null, 2)}\n`);
    await context.close();
  } finally {
    await browser.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
}

function summarise(
  run: PageRun,
  traffic: { requests: number; maxLimit: number; maxItems: number; latencies: number[] },
) {
  const settled = run.settles.filter((s): s is number => s !== null);
  return {
    frames: run.frames.length,
    frameMs: {
      median: round(median(run.frames)),
      p95: round(quantile(run.frames, 0.95)),
      max: round(Math.max(...run.frames)),
    },
    longTasks: { count: run.longTasks.length, maxMs: round(Math.max(0, ...run.longTasks)) },
    slowestFrames: run.longFrames,
    maxImgInDom: run.maxImages,
    requests: traffic.requests,
    maxLimitAsked: traffic.maxLimit,
    maxItemsPerRequest: traffic.maxItems,
    requestMs: { median: round(median(traffic.latencies)), max: round(Math.max(0, ...traffic.latencies)) },
    scrollStopToLoadedMs: {
      median: round(median(settled)),
      max: round(Math.max(...settled)),
      timedOut: run.settles.length - settled.length,
    },
    reachedEnd: run.scrolledTo >= run.scrollMax - 1,
    sawLastImage: run.sawLastImage,
  };
}

await main();
