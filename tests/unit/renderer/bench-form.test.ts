import { describe, expect, it } from 'vitest';
import type { BenchEstimateDto } from '../../../src/shared/api/bench-dto';
import { BENCH_METHODS, benchDefinitionSchema } from '../../../src/shared/api/bench-params';
import { ApiError } from '../../../src/shared/rpc/errors';
import { advancedFields, protocolFields } from '../../../src/renderer/lib/bench-fields';
import {
  BENCH_HINTS,
  BENCH_LIMITS,
  benchFieldErrors,
  checkBenchForm,
  defaultBenchForm,
  describeBenchEstimate,
  estimatePartRows,
  formatEstimateSeconds,
  METHOD_GROUPS,
  METHOD_HINTS,
  needsScoring,
  needsTeacher,
  parseIpcList,
  type BenchFormValues,
  type BenchNumberField,
} from '../../../src/renderer/lib/bench-form';

const tiny = (): BenchFormValues => ({
  ...defaultBenchForm(1),
  methods: ['dm', 'random', 'herding'],
  ipcs: '2, 1',
  labels: ['hard', 'soft'],
  seeds: 1,
  width: 8,
  steps: 20,
  teacherEpochs: 2,
  scoringWidth: 8,
  scoringEpochs: 2,
  dmIterations: 5,
});

describe('IPC list', () => {
  it('reads commas or spaces and sorts', () => {
    expect(parseIpcList('1, 10, 50')).toEqual({ ok: true, ipcs: [1, 10, 50] });
    expect(parseIpcList(' 50 10,1 ')).toEqual({ ok: true, ipcs: [1, 10, 50] });
    expect(parseIpcList('10000')).toEqual({ ok: true, ipcs: [10_000] });
  });

  it('says what is wrong in words', () => {
    expect(parseIpcList('')).toEqual({ ok: false, message: 'Give at least one IPC, like “1, 10, 50”' });
    expect(parseIpcList(' , ')).toMatchObject({ ok: false });
    expect(parseIpcList('0, x')).toEqual({
      ok: false,
      message: 'Each IPC must be a whole number from 1 to 10,000: “0” and “x” are not',
    });
    expect(parseIpcList('1, 2.5')).toEqual({
      ok: false,
      message: 'Each IPC must be a whole number from 1 to 10,000: “2.5” is not',
    });
    expect(parseIpcList('-1, 10001, 3')).toMatchObject({
      message: expect.stringContaining('“-1” and “10001” are not'),
    });
    expect(parseIpcList('10, 1, 10')).toEqual({ ok: false, message: 'IPC 10 is listed twice' });
    expect(parseIpcList('1, 2, 1, 2')).toEqual({ ok: false, message: 'IPC 1 and IPC 2 are listed twice' });
  });
});

describe('benchmark form', () => {
  it('starts from the schema’s defaults with a CPU-sized protocol', () => {
    const d = benchDefinitionSchema.parse({ datasetId: 1, methods: ['random'] });
    expect(defaultBenchForm(3)).toEqual({
      name: d.name,
      datasetId: 3,
      methods: ['random', 'el2n-easy', 'pca'],
      ipcs: '1, 10, 50',
      labels: ['hard', 'soft'],
      seeds: d.seeds,
      width: 32,
      steps: 300,
      teacherEpochs: 10,
      parallel: null,
      scoringWidth: 32,
      scoringEpochs: 10,
      dmIterations: 1000,
    });
  });

  it('turns valid values into a definition the schema accepts, methods in the canonical order', () => {
    const check = checkBenchForm(tiny());
    expect(check).toEqual({
      ok: true,
      params: {
        name: 'benchmark',
        datasetId: 1,
        methods: ['random', 'herding', 'dm'],
        ipcs: [1, 2],
        labels: ['hard', 'soft'],
        seeds: 1,
        protocol: { width: 8, steps: 20, teacherEpochs: 2 },
        scoring: { width: 8, epochs: 2 },
        dm: { iterations: 5 },
      },
    });
    if (!check.ok) return;
    const parsed = benchDefinitionSchema.parse(check.params);
    expect(parsed.protocol).toMatchObject({ width: 8, steps: 20, teacherEpochs: 2, model: 'convnet' });
    expect(parsed.dm.iterations).toBe(5);
  });

  it('sends parallel runs only when given', () => {
    const check = checkBenchForm({ ...tiny(), parallel: 2 });
    expect(check.ok && check.params.parallel).toBe(2);
    const without = checkBenchForm(tiny());
    expect(without.ok && without.params.parallel).toBeUndefined();
  });

  it('names every wrong field', () => {
    const check = checkBenchForm({
      ...tiny(),
      name: '  ',
      datasetId: null,
      methods: [],
      ipcs: '0, x',
      labels: [],
      seeds: 11,
      width: null,
      steps: 0,
      parallel: 2.5,
    });
    expect(check).toEqual({
      ok: false,
      errors: {
        name: 'Give the benchmark a name',
        datasetId: 'Choose a dataset',
        methods: 'Pick at least one method',
        ipcs: 'Each IPC must be a whole number from 1 to 10,000: “0” and “x” are not',
        labels: 'Pick hard labels, soft labels or both',
        seeds: 'Seeds must be a whole number from 1 to 10',
        width: 'Required',
        steps: 'Steps must be a whole number from 1 to 100,000',
        parallel: 'Parallel runs must be a whole number from 1 to 64, or blank for one per core',
      },
    });
  });

  it('asks only for the settings the grid uses, and sends defaults for the others', () => {
    const hardRandom = { ...tiny(), methods: ['random' as const], labels: ['hard' as const] };
    const check = checkBenchForm({
      ...hardRandom,
      teacherEpochs: null,
      scoringEpochs: 0,
      dmIterations: null,
    });
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.params.protocol).toMatchObject({ teacherEpochs: 10 });
      expect(check.params.scoring).toEqual({ width: 8, epochs: 10 });
      expect(check.params.dm).toEqual({ iterations: 1000 });
    }
    expect(checkBenchForm({ ...tiny(), teacherEpochs: null })).toMatchObject({
      ok: false,
      errors: { teacherEpochs: 'Required' },
    });
    expect(checkBenchForm({ ...tiny(), dmIterations: 0 })).toMatchObject({
      ok: false,
      errors: { dmIterations: 'DM iterations must be a whole number from 1 to 100,000' },
    });
    expect(checkBenchForm({ ...tiny(), scoringWidth: 2 })).toMatchObject({
      ok: false,
      errors: { scoringWidth: 'The scoring width must be a whole number from 4 to 512' },
    });
  });

  it('knows which methods need scores and a teacher', () => {
    expect(needsScoring(['random', 'dm', 'rded'])).toBe(false);
    expect(needsScoring(['random', 'pca'])).toBe(true);
    expect(needsScoring(['kcenter'])).toBe(true);
    expect(needsTeacher(['random'], ['hard'])).toBe(false);
    expect(needsTeacher(['rded'], ['hard'])).toBe(true);
    expect(needsTeacher(['random'], ['hard', 'soft'])).toBe(true);
  });

  it('keeps its limits in step with the schema', () => {
    const base = checkBenchForm(tiny());
    if (!base.ok) throw new Error('the tiny form is valid');
    const set = (field: BenchNumberField, value: number) => {
      const d = structuredClone(base.params) as Record<string, unknown> & {
        protocol: Record<string, unknown>;
        scoring: Record<string, unknown>;
        dm: Record<string, unknown>;
      };
      if (field === 'seeds' || field === 'parallel') d[field] = value;
      else if (field === 'width') d.protocol.width = value;
      else if (field === 'steps') d.protocol.steps = value;
      else if (field === 'teacherEpochs') d.protocol.teacherEpochs = value;
      else if (field === 'scoringWidth') d.scoring.width = value;
      else if (field === 'scoringEpochs') d.scoring.epochs = value;
      else d.dm.iterations = value;
      return benchDefinitionSchema.safeParse(d).success;
    };
    for (const [field, { min, max }] of Object.entries(BENCH_LIMITS) as [
      BenchNumberField,
      { min: number; max: number },
    ][]) {
      expect(set(field, min), `${field} ${min}`).toBe(true);
      expect(set(field, max), `${field} ${max}`).toBe(true);
      expect(set(field, min - 1), `${field} ${min - 1}`).toBe(false);
      expect(set(field, max + 1), `${field} ${max + 1}`).toBe(false);
    }
  });

  it('groups every method once, each with a line saying what it does', () => {
    const listed = METHOD_GROUPS.flatMap((g) => g.methods.map((m) => m.value));
    expect([...listed].sort()).toEqual([...BENCH_METHODS].sort());
    expect(METHOD_GROUPS.map((g) => g.family)).toEqual(['pruning', 'distillation', 'pca']);
    expect(METHOD_GROUPS[1]!.methods.map((m) => m.value)).toEqual(['dm', 'rded']);
    for (const m of BENCH_METHODS) expect(METHOD_HINTS[m].length).toBeGreaterThan(20);
  });

  it('maps a refused definition’s issues onto the fields', () => {
    const error = new ApiError('bad_request', 'invalid params', [
      { path: ['definition', 'ipcs', 1], message: 'an IPC is listed twice' },
      { path: ['definition', 'protocol', 'width'], message: 'width too small' },
      { path: ['definition', 'dm', 'iterations'], message: 'too many' },
      { path: ['project'], message: 'no such project' },
    ]);
    expect(benchFieldErrors(error)).toEqual({
      ipcs: 'an IPC is listed twice',
      width: 'width too small',
      dmIterations: 'too many',
    });
    expect(benchFieldErrors(new Error('x'))).toEqual({});
  });
});

describe('benchmark estimate', () => {
  const estimate: BenchEstimateDto = {
    sets: 6,
    cells: 12,
    trainingRuns: 12,
    imagePasses: 12_345,
    seconds: 125.4,
    parts: [
      { name: 'scores', seconds: 0, reused: true },
      { name: 'teacher', seconds: 12.2, reused: false },
      { name: 'DM IPC 1', seconds: 0.4, reused: false },
      { name: 'training runs (12 to go)', seconds: 100, reused: false },
    ],
    basis: 'reference machine',
    warnings: [],
  };

  it('says the total and the grid in words', () => {
    expect(describeBenchEstimate(estimate, 1)).toBe(
      'About 2 min 05 s: 12 training runs (12 cells × 1 seed) on 6 compressed sets.',
    );
    expect(describeBenchEstimate({ ...estimate, seconds: 0.2, trainingRuns: 1, cells: 1, sets: 1 }, 2)).toBe(
      'Under a second: 1 training run (1 cell × 2 seeds) on 1 compressed set.',
    );
  });

  it('lists the parts, the finished ones as done', () => {
    expect(estimatePartRows(estimate)).toEqual([
      { name: 'Scores', time: 'done already' },
      { name: 'Teacher', time: '12 s' },
      { name: 'DM IPC 1', time: 'under a second' },
      { name: 'Training runs (12 to go)', time: '1 min 40 s' },
    ]);
    expect(formatEstimateSeconds(Number.NaN)).toBe('—');
  });
});

describe('the number fields shown', () => {
  it('shows teacher epochs only with a teacher, and the advanced fields the methods use', () => {
    expect(protocolFields(false).map((f) => f.key)).toEqual(['seeds', 'width', 'steps', 'parallel']);
    expect(protocolFields(true).map((f) => f.key)).toEqual([
      'seeds',
      'width',
      'steps',
      'teacherEpochs',
      'parallel',
    ]);
    expect(advancedFields(false, false)).toEqual([]);
    expect(advancedFields(true, false).map((f) => f.id)).toEqual([
      'bench-scoring-width',
      'bench-scoring-epochs',
    ]);
    expect(advancedFields(true, true).map((f) => f.key)).toEqual([
      'scoringWidth',
      'scoringEpochs',
      'dmIterations',
    ]);
    // Every field has a bound and a hint in the tables the checks use.
    for (const f of [...protocolFields(true), ...advancedFields(true, true)]) {
      expect(BENCH_LIMITS[f.key].min).toBeLessThanOrEqual(BENCH_LIMITS[f.key].max);
      expect(BENCH_HINTS[f.key]).toBeTruthy();
    }
  });
});
