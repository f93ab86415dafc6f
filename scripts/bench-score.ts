/**
 * Pruning scores and selections (issue 4), through the real CLI where it is the user's path:
 *   1. scoring Fashion-MNIST's 60,000 training images with the default proxy (ConvNet-3 width 32,
 *      E = 10, 1 run) via `datapress score --json`: wall time, the job's training time, images/s,
 *      final training accuracy, and the bytes on disk of the trajectories (apart from the
 *      features and weights). Target: under 30 minutes, trajectories under 100 MB;
 *   2. selection time from the stored scores, in process (createSelection, no CLI start-up), for
 *      every method / rule at IPC 10 and 50, median of 5 runs; and the CLI's wall time for one;
 *   3. per-class overlap of easy-first and of hard-first EL2N with random at IPC 10;
 *   4. what the cheaper default proxy costs: Spearman rank correlation of EL2N (per class and
 *      overall) between the default proxy and a width-128 proxy (the benchmark model's width), and
 *      between two seeds of the default proxy as a yardstick, on a class-balanced 10,000-image
 *      subset of the training split; plus the overlap of EL2N easy-first selections at IPC 10 / 50.
 * One JSON line per case; all of it in bench-results/score.json (rewritten after each part).
 *
 *   node bin/run-ts.mjs scripts/bench-score.ts [--runs 1] [--idx /usr/share/datasets/fashion-mnist]
 *        [--select-runs 5] [--subset-per-class 1000] [--skip-compare] [--quick] [--keep]
 *        [--work DIR --only-compare]
 *
 * --keep keeps the temporary folder of projects. --work DIR --only-compare runs part 4 again in a
 * kept folder: an interrupted proxy run resumes from its last epoch (its trainSeconds include the
 * sessions before), finished ones are reused, and the other parts of bench-results/score.json stay.
 * --quick scores the embedded 3,000-image sample (resources/fashion-mnist-sample) with E = 3 and
 * width 8 and compares two seeds on it without the width-128 run: a smoke test of the script.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { ImportReportDto, ScoreSetDto, SelectionComparisonDto } from '../src/shared/api/dto';
import type { SelectionParams } from '../src/shared/api/selection-params';
import { createSelection } from '../src/main/compress/selection-service';
import { compareStoredSelections } from '../src/main/compress/selection-views';
import { readIdxDataset, type IdxSplit } from '../src/main/datasets/idx-dataset';
import { encodeIdx } from '../src/main/datasets/idx-reader';
import { classNames, samplesOf } from '../src/main/store/datasets-repo';
import { openProject } from '../src/main/store/project-store';
import { getScoreSet, loadScoreColumn } from '../src/main/store/score-sets-repo';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    idx: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    'select-runs': { type: 'string', default: '5' },
    'subset-per-class': { type: 'string', default: '1000' },
    'skip-compare': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    work: { type: 'string' },
    'only-compare': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const runs = Math.max(1, Number(values.runs));
const selectRuns = Math.max(1, Number(values['select-runs']));
const subsetPerClass = Math.max(1, Number(values['subset-per-class']));
const root = resolve(import.meta.dirname, '..');
const source = quick ? join(root, 'resources', 'fashion-mnist-sample') : resolve(values.idx);
/** The default proxy (score-params.ts), or a tiny one for --quick. */
const proxy = quick ? { width: 8, epochs: 3 } : { width: 32, epochs: 10 };
const WIDE = 128;
if (values['only-compare'] && !values.work)
  throw new Error('--only-compare needs --work DIR (a kept folder)');
const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'datapress-bench-score-'));
const keep = values.keep || values.work !== undefined;
const FASHION = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
const load = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;
/** Debian's IDX folder has no classes.txt, so its classes are named 0..9: show Fashion-MNIST's names. */
const className = (stored: string, i: number, classes: number): string =>
  /^\d+$/.test(stored) && classes === FASHION.length ? (FASHION[i] as string) : stored;

/** The commit, and the files others had changed in the shared tree when the run started. */
function gitState(): { head: string; dirty: string[] } {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout.trim();
  return { head: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--short']).split('\n') };
}

const started = performance.now();
const resultsFile = join(root, 'bench-results', 'score.json');
const thisRun = {
  machine: { cpus: cpus().length, loadAverageBefore: load() },
  git: gitState(),
  date: new Date().toISOString(),
};
const out: Record<string, unknown> = values['only-compare']
  ? {
      ...(JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>),
      compareRerun: thisRun,
    }
  : { bench: 'score', quick, source, ...thisRun };
function save(): void {
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  out[values['only-compare'] ? 'compareSeconds' : 'totalSeconds'] = r3((performance.now() - started) / 1000);
  writeFileSync(resultsFile, JSON.stringify(out, null, 2) + '\n');
}
function emit(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/** Runs the real CLI; its JSON result (the last stdout line) and wall time. */
function cli<T>(args: string[]): { json: T; wall: number } {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(root, 'bin', 'datapress.mjs'), ...args, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  if (res.status !== 0)
    throw new Error(`datapress ${args.join(' ')} failed (${res.status}): ${res.stderr.slice(-2000)}`);
  return { json: JSON.parse(res.stdout.trim().split('\n').at(-1) as string) as T, wall };
}

function importInto(project: string, dir: string): { report: ImportReportDto; wall: number } {
  const { json, wall } = cli<ImportReportDto>(['import', dir, '--project', project]);
  return { report: json, wall };
}

interface ScoreJson {
  scoreSetId: number;
  reused: boolean;
  resumedAfterEpoch: number[];
  seconds: number;
  trainSeconds: number;
  imagesPerSecond: number;
  estimate: { seconds: number; imagePasses: number; imagesPerSecond: number; basis: string };
  scoreSet: ScoreSetDto;
}

function score(
  project: string,
  width: number,
  epochs: number,
  seed: number,
  allowReuse = false,
): { s: ScoreJson; wall: number } {
  const args = ['score', '--project', project, '--width', String(width), '--epochs', String(epochs)];
  const { json, wall } = cli<ScoreJson>([...args, '--seed', String(seed)]);
  if (json.reused && !allowReuse)
    throw new Error(`score set ${json.scoreSetId} was reused: the timing would be empty`);
  return { s: json, wall };
}

/** Bytes of the files a score set keeps, by kind (score-files.ts names them). */
function scoreFileBytes(project: string, scoreSetId: number) {
  const { db } = openProject(project);
  let dir: string;
  try {
    dir = join(project, 'scores', getScoreSet(db, scoreSetId).dir);
  } finally {
    db.close();
  }
  const bytes = { trajectories: 0, finalProbabilities: 0, features: 0, weights: 0, other: 0, total: 0 };
  const files: Record<string, number> = {};
  for (const name of readdirSync(dir)) {
    const size = statSync(join(dir, name)).size;
    files[name] = size;
    bytes.total += size;
    if (/^trajectory-seed\d+\.u16$/.test(name)) bytes.trajectories += size;
    else if (/^final-seed\d+\.u16$/.test(name)) bytes.finalProbabilities += size;
    else if (name === 'features.f32') bytes.features += size;
    else if (/^proxy-seed\d+\.bin$/.test(name)) bytes.weights += size;
    else bytes.other += size;
  }
  return { bytes, files };
}

// ---------------------------------------------------------------- 1. scoring the training split

interface ScoreRun {
  project: string;
  datasetId: number;
  importWall: number;
  score: ScoreJson;
  wall: number;
  files: ReturnType<typeof scoreFileBytes>;
}

function scoringCase(): { line: Record<string, unknown>; project: string; datasetId: number } {
  const done: ScoreRun[] = [];
  for (let r = 0; r < runs; r++) {
    const project = join(work, `full-${r}`);
    const imp = importInto(project, source);
    console.error(
      `run ${r + 1}/${runs}: imported ${imp.report.imported.train} training images in ${imp.wall.toFixed(1)} s; scoring (load ${load()})`,
    );
    const { s, wall } = score(project, proxy.width, proxy.epochs, 0);
    done.push({
      project,
      datasetId: imp.report.datasetId,
      importWall: imp.wall,
      score: s,
      wall,
      files: scoreFileBytes(project, s.scoreSetId),
    });
    console.error(`run ${r + 1}/${runs}: scored in ${wall.toFixed(1)} s wall`);
    if (r > 0 && !keep) rmSync(project, { recursive: true, force: true });
  }
  const first = done[0] as ScoreRun;
  const set = first.score.scoreSet;
  const trajectoryExpected = set.samples * set.epochs * set.classes * 2 * set.seeds.length;
  const wall = median(done.map((d) => d.wall));
  const line = {
    case: quick ? 'score-sample-3k' : 'score-fashion-mnist-60k',
    images: set.samples,
    classes: set.classes,
    proxy: {
      model: set.model,
      width: set.width,
      depth: set.depth,
      norm: set.norm,
      epochs: set.epochs,
      proxyRuns: set.seeds.length,
      batchSize: set.batchSize,
      lr: set.lr,
      backend: set.backend,
    },
    runs,
    runsNote:
      runs === 1
        ? '1 run of the benchmark (one scoring run takes ~6-8 min on this machine); --runs N for medians'
        : `medians of ${runs} runs of the benchmark`,
    wallSecondsMedian: r3(wall),
    jobSecondsMedian: r3(median(done.map((d) => d.score.seconds))),
    trainSecondsMedian: r3(median(done.map((d) => d.score.trainSeconds))),
    imagesPerSecondMedian: Math.round(median(done.map((d) => d.score.imagesPerSecond))),
    finalTrainAccuracy: done.map((d) => r4(d.score.scoreSet.finalTrainAccuracy)),
    estimateSeconds: r3(first.score.estimate.seconds),
    estimateBasis: first.score.estimate.basis,
    featureDims: set.featureDims,
    featureExplained: r4(set.featureExplained),
    bytesOnDisk: first.files.bytes,
    files: first.files.files,
    trajectoryBytesExpected: trajectoryExpected,
    scoreSetFileBytes: set.fileBytes,
    importWallSeconds: done.map((d) => r3(d.importWall)),
    wallSeconds: done.map((d) => r3(d.wall)),
    trainSeconds: done.map((d) => r3(d.score.trainSeconds)),
    loadAverageAfter: load(),
    target: { wallSeconds: '< 1800', trajectoryBytes: '< 100000000' },
    pass: {
      wallSeconds: done.every((d) => d.wall < 1800),
      trajectoryBytes: first.files.bytes.trajectories < 100_000_000,
    },
  };
  return { line, project: first.project, datasetId: first.datasetId };
}

// ------------------------------------------------------------- 2. selection time from scores

const CASES: { method: SelectionParams['method']; rule?: 'easy' | 'hard' | 'ccs' }[] = [
  { method: 'random' },
  { method: 'el2n', rule: 'easy' },
  { method: 'el2n', rule: 'hard' },
  { method: 'el2n', rule: 'ccs' },
  { method: 'forgetting', rule: 'easy' },
  { method: 'aum', rule: 'easy' },
  { method: 'entropy', rule: 'easy' },
  { method: 'margin', rule: 'easy' },
  { method: 'herding' },
  { method: 'kcenter' },
];
const caseName = (c: (typeof CASES)[number]): string => (c.rule ? `${c.method}-${c.rule}` : c.method);

type Project = ReturnType<typeof openProject>;

function selectionCases({ db, paths }: Project, datasetId: number) {
  const lines: Record<string, unknown>[] = [];
  /** The first selection's id of every case, by "<case>@<ipc>". */
  const ids = new Map<string, number>();
  const samples = samplesOf(db, datasetId, 'train').length;
  for (const ipc of [10, 50]) {
    for (const c of CASES) {
      const params: SelectionParams = {
        datasetId,
        method: c.method,
        ...(c.rule ? { rule: c.rule } : {}),
        budget: { kind: 'ipc', ipc },
        seed: 0,
      };
      const seconds: number[] = [];
      const walls: number[] = [];
      let kept = 0;
      for (let r = 0; r < selectRuns; r++) {
        const t0 = performance.now();
        const s = createSelection(db, paths, params);
        walls.push((performance.now() - t0) / 1000);
        seconds.push(s.seconds);
        kept = s.kept;
        if (r === 0) ids.set(`${caseName(c)}@${ipc}`, s.id);
      }
      const line = {
        case: 'select',
        method: c.method,
        rule: c.rule ?? null,
        ipc,
        samples,
        kept,
        runs: selectRuns,
        secondsMedian: r4(median(seconds)),
        seconds: seconds.map(r4),
        callSecondsMedian: r4(median(walls)),
        target: { seconds: '< 1' },
        pass: median(seconds) < 1,
      };
      emit(line);
      lines.push(line);
    }
  }
  return { lines, ids };
}

function cliSelectCase(project: string) {
  const args = ['select', '--method', 'el2n', '--rule', 'easy', '--ipc', '10', '--project', project];
  const { json, wall } = cli<{ selectionId: number; kept: number; seconds: number }>(args);
  const line = {
    case: 'select-cli',
    command: `datapress ${args.slice(0, -2).join(' ')} --project P --json`,
    kept: json.kept,
    wallSeconds: r3(wall),
    selectSeconds: r4(json.seconds),
    startupAndIoSeconds: r3(wall - json.seconds),
  };
  emit(line);
  return line;
}

// -------------------------------------------------------------------------------- 3. overlap

function overlapView(c: SelectionComparisonDto, available: Map<number, number>, ipc: number) {
  const classes = c.perClass.length;
  const expected = (k: number) => (ipc * ipc) / (available.get(k) ?? Infinity);
  return {
    selections: [c.a, c.b],
    overlap: c.overlap,
    of: c.countA,
    jaccard: r4(c.jaccard),
    /** What two independent uniform picks of IPC per class would share on average. */
    expectedIfIndependent: r3(c.perClass.reduce((sum, k) => sum + expected(k.classIndex), 0)),
    perClass: c.perClass.map((k) => ({
      classIndex: k.classIndex,
      name: className(k.name, k.classIndex, classes),
      overlap: k.overlap,
      of: k.countA,
      jaccard: r4(k.jaccard),
    })),
  };
}

function availablePerClass(db: Project['db'], datasetId: number): Map<number, number> {
  const m = new Map<number, number>();
  for (const s of samplesOf(db, datasetId, 'train')) m.set(s.classIndex, (m.get(s.classIndex) ?? 0) + 1);
  return m;
}

function overlapCases({ db }: Project, datasetId: number, ids: Map<string, number>) {
  const available = availablePerClass(db, datasetId);
  const random = ids.get('random@10') as number;
  const pairs = [
    ['el2n-easy', 'random'],
    ['el2n-hard', 'random'],
    ['el2n-easy', 'el2n-hard'],
  ] as const;
  return pairs.map(([a, b]) => {
    const idA = ids.get(`${a}@10`) as number;
    const idB = b === 'random' ? random : (ids.get(`${b}@10`) as number);
    const line = {
      case: 'overlap',
      ipc: 10,
      a,
      b,
      ...overlapView(compareStoredSelections(db, idA, idB), available, 10),
    };
    emit(line);
    return line;
  });
}

// ------------------------------------------------------------- 4. cost of the cheaper proxy

/** Ranks 1..n, ties given the mean of the ranks they span. */
function averageRanks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (xs[a] as number) - (xs[b] as number));
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1] as number] === xs[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson's on the average ranks (NaN if either side is constant). */
function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`spearman: ${a.length} against ${b.length} values`);
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = a.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (ra[i] as number) - mean;
    const db = (rb[i] as number) - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Hand-worked checks, so a wrong Spearman cannot slip into the results. */
function checkSpearman(): void {
  const near = (x: number, y: number) => Math.abs(x - y) < 1e-12;
  // Ranks of [10, 20, 20, 30] are [1, 2.5, 2.5, 4].
  if (averageRanks([10, 20, 20, 30]).join() !== '1,2.5,2.5,4') throw new Error('averageRanks is wrong');
  // No ties: 1 − 6Σd²/(n(n²−1)); ranks [1,2,3,4,5] vs [2,1,4,3,5]: Σd² = 4, ρ = 1 − 24/120 = 0.8.
  if (!near(spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]), 0.8)) throw new Error('spearman is wrong');
  // Ties: ranks [1, 2.5, 2.5, 4] vs [1, 2, 3, 4]: Pearson = 4.5 / √(4.5·5) = 0.9486832980505138.
  if (!near(spearman([1, 2, 2, 3], [1, 2, 3, 4]), 4.5 / Math.sqrt(22.5))) throw new Error('ties are wrong');
  if (!near(spearman([1, 2, 3], [3, 2, 1]), -1)) throw new Error('spearman sign is wrong');
}

/** Writes a class-balanced IDX subset (the first `perClass` images of each class, in file order). */
function writeSubset(from: string, dir: string, perClass: number, testPerClass: number): void {
  const ds = readIdxDataset(from);
  const px = ds.height * ds.width;
  const pick = (split: IdxSplit, limit: number) => {
    const taken = new Map<number, number>();
    const rows: number[] = [];
    for (let i = 0; i < split.count; i++) {
      const label = split.labels[i] as number;
      const n = taken.get(label) ?? 0;
      if (n < limit) rows.push(i);
      taken.set(label, n + 1);
    }
    const images = new Uint8Array(rows.length * px);
    rows.forEach((row, j) => images.set(split.images.subarray(row * px, (row + 1) * px), j * px));
    const labels = Uint8Array.from(rows, (row) => split.labels[row] as number);
    return { images, labels, count: rows.length };
  };
  mkdirSync(dir, { recursive: true });
  for (const [name, split, limit] of [
    ['train', ds.train, perClass],
    ['t10k', ds.test, testPerClass],
  ] as const) {
    const s = pick(split, limit);
    writeFileSync(
      join(dir, `${name}-images-idx3-ubyte.gz`),
      gzipSync(encodeIdx([s.count, ds.height, ds.width], s.images)),
    );
    writeFileSync(join(dir, `${name}-labels-idx1-ubyte.gz`), gzipSync(encodeIdx([s.count], s.labels)));
  }
}

interface ProxyRun {
  label: string;
  width: number;
  seed: number;
  scoreSetId: number;
  /** Finished before this invocation (--only-compare): wallSeconds is then only the reuse. */
  reused: boolean;
  /** Epoch an interrupted run resumed after (0: started fresh). */
  resumedAfterEpoch: number;
  wallSeconds: number;
  trainSeconds: number;
  imagesPerSecond: number;
  finalTrainAccuracy: number;
}

function correlation(db: Project['db'], datasetId: number, a: ProxyRun, b: ProxyRun) {
  const colA = loadScoreColumn(db, a.scoreSetId, 'el2n');
  const colB = loadScoreColumn(db, b.scoreSetId, 'el2n');
  const rowOfB = new Map<number, number>();
  colB.sampleIds.forEach((id, r) => rowOfB.set(id, r));
  const names = classNames(db, datasetId);
  const classOf = new Map(samplesOf(db, datasetId, 'train').map((s) => [s.id, s.classIndex]));
  const xs: number[][] = names.map(() => []);
  const ys: number[][] = names.map(() => []);
  const allX: number[] = [];
  const allY: number[] = [];
  colA.sampleIds.forEach((id, r) => {
    const rb = rowOfB.get(id);
    if (rb === undefined) throw new Error(`sample ${id} is scored by set ${a.scoreSetId} only`);
    const k = classOf.get(id) as number;
    const x = colA.scores[r] as number;
    const y = colB.scores[rb] as number;
    xs[k]?.push(x);
    ys[k]?.push(y);
    allX.push(x);
    allY.push(y);
  });
  const perClass = names.map((name, k) => ({
    classIndex: k,
    name: className(name, k, names.length),
    n: (xs[k] as number[]).length,
    spearman: r4(spearman(xs[k] as number[], ys[k] as number[])),
  }));
  const values = perClass.map((c) => c.spearman);
  return {
    overall: r4(spearman(allX, allY)),
    perClassMean: r4(values.reduce((s, v) => s + v, 0) / values.length),
    perClassMin: Math.min(...values),
    perClass,
  };
}

function proxyCostCase() {
  const project = join(work, 'compare');
  let dir = source;
  if (!quick) {
    dir = join(work, 'subset-idx');
    // Written once: a kept folder's subset stays byte-identical, so its import and scores are reused.
    if (!existsSync(dir)) writeSubset(source, dir, subsetPerClass, 100);
  }
  const imp = importInto(project, dir);
  const datasetId = imp.report.datasetId;
  const wanted = [
    { label: `default (width ${proxy.width}, seed 0)`, width: proxy.width, seed: 0 },
    ...(quick ? [] : [{ label: `width ${WIDE} (seed 0)`, width: WIDE, seed: 0 }]),
    { label: `default (width ${proxy.width}, seed 1)`, width: proxy.width, seed: 1 },
  ];
  const runsDone: ProxyRun[] = wanted.map((w) => {
    console.error(`proxy-cost: scoring ${imp.report.imported.train} images with ${w.label} (load ${load()})`);
    const { s, wall } = score(project, w.width, proxy.epochs, w.seed, values['only-compare']);
    const run: ProxyRun = {
      ...w,
      scoreSetId: s.scoreSetId,
      reused: s.reused,
      resumedAfterEpoch: s.resumedAfterEpoch[0] ?? 0,
      wallSeconds: r3(wall),
      trainSeconds: r3(s.trainSeconds),
      imagesPerSecond: Math.round(s.imagesPerSecond),
      finalTrainAccuracy: r4(s.scoreSet.finalTrainAccuracy),
    };
    emit({ case: 'proxy-cost-run', images: s.scoreSet.samples, epochs: proxy.epochs, ...run });
    return run;
  });
  const { db, paths } = openProject(project);
  try {
    const available = availablePerClass(db, datasetId);
    // Every pair. The proxy's seed also fixes its batch order (train.ts), so the two seed-0 runs
    // share their data order; the pair of different width AND seed separates that from the width.
    const pairs = runsDone.flatMap((base, i) => runsDone.slice(i + 1).map((other) => [base, other] as const));
    const comparisons = pairs.map(([base, other]) => {
      const overlaps = [10, 50].map((ipc) => {
        const make = (run: ProxyRun) =>
          createSelection(db, paths, {
            datasetId,
            method: 'el2n',
            rule: 'easy',
            budget: { kind: 'ipc', ipc },
            seed: 0,
            scoreSetId: run.scoreSetId,
          }).id;
        const view = overlapView(compareStoredSelections(db, make(base), make(other)), available, ipc);
        return { ipc, rule: 'el2n-easy', ...view };
      });
      const line = {
        case: 'proxy-cost',
        a: base.label,
        b: other.label,
        images: imp.report.imported.train,
        epochs: proxy.epochs,
        el2nSpearman: correlation(db, datasetId, base, other),
        overlap: overlaps,
      };
      emit(line);
      return line;
    });
    return {
      subset: quick
        ? 'the embedded sample (resources/fashion-mnist-sample)'
        : `the first ${subsetPerClass} training images of each class, in file order`,
      images: imp.report.imported.train,
      runs: runsDone,
      note: 'a proxy seed fixes both its initial weights and its batch order: runs with the same seed see the data in the same order',
      comparisons,
    };
  } finally {
    db.close();
  }
}

function runAll(): void {
  const scoring = scoringCase();
  emit(scoring.line);
  out['scoring'] = scoring.line;
  save();

  // One connection for the in-process parts; the CLI runs after it is closed.
  const project = openProject(scoring.project);
  try {
    const selection = selectionCases(project, scoring.datasetId);
    out['selection'] = selection.lines;
    out['overlap'] = overlapCases(project, scoring.datasetId, selection.ids);
  } finally {
    project.db.close();
  }
  out['selectionCli'] = cliSelectCase(scoring.project);
  save();

  if (values['skip-compare']) out['proxyCost'] = { skipped: '--skip-compare' };
  else out['proxyCost'] = proxyCostCase();
  out['machine'] = { ...(out['machine'] as object), loadAverageAfter: load() };
  save();
  emit({ case: 'total', seconds: out['totalSeconds'] });
}

try {
  checkSpearman();
  if (values['only-compare']) {
    out['proxyCost'] = proxyCostCase();
    save();
  } else runAll();
} finally {
  if (keep) console.error(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
