/**
 * A benchmark's stored rows as the results the report and the UI show: per cell the mean and
 * sample standard deviation over its finished seeds, the difference to the random baseline of
 * the same IPC and label mode, and the bytes the cell needs stored.
 */
import type { BenchCellDto, BenchResultDto, BenchSetDto, BenchTimingDto } from '../../shared/api/bench-dto';
import { benchDefinitionSchema } from '../../shared/api/bench-params';
import type { BenchRow, BenchRunRow, BenchSetRow } from '../store/bench-repo';
import { planBenchmark, softLabelBytes } from './bench-plan';

export function meanStd(values: readonly number[]): { mean: number | null; std: number | null } {
  if (values.length === 0) return { mean: null, std: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

export interface BenchFacts {
  datasetName: string;
  classNames: string[];
  fullTrainImages: number;
  fullPngBytes: number;
  testImages: number;
  teacherAccuracy: number | null;
  timing: BenchTimingDto | null;
}

export function benchResult(
  bench: BenchRow,
  setRows: readonly BenchSetRow[],
  runRows: readonly BenchRunRow[],
  facts: BenchFacts,
): BenchResultDto {
  const def = benchDefinitionSchema.parse(bench.definition);
  const plan = planBenchmark(def);
  const classes = facts.classNames.length;
  const setOf = new Map(setRows.map((s) => [`${s.method}/${s.ipc}`, s]));
  const sets: BenchSetDto[] = plan.sets.flatMap((p) => {
    const s = setOf.get(`${p.method}/${p.ipc}`);
    if (!s) return [];
    return [
      {
        method: s.method,
        ipc: s.ipc,
        setId: s.setId,
        images: s.images,
        sourceImages: s.sourceImages,
        pngBytes: s.pngBytes,
        epochs: s.epochs,
        softLabelBytes: softLabelBytes(s.epochs, s.images, classes),
        ratioToFull: facts.fullPngBytes > 0 ? s.pngBytes / facts.fullPngBytes : 0,
      },
    ];
  });
  const labelModes = (['hard', 'soft'] as const).filter((l) => def.labels.includes(l));
  const cells: BenchCellDto[] = [];
  for (const p of plan.sets)
    for (const labels of labelModes) {
      const runs = runRows
        .filter((r) => r.method === p.method && r.ipc === p.ipc && r.labels === labels)
        .map((r) => ({ seed: r.seed, accuracy: r.accuracy, seconds: r.trainSeconds, runId: r.runId ?? 0 }));
      const set = sets.find((s) => s.method === p.method && s.ipc === p.ipc);
      cells.push({
        method: p.method,
        ipc: p.ipc,
        labels,
        runs,
        ...meanStd(runs.map((r) => r.accuracy)),
        vsRandom: null,
        storageBytes: set ? set.pngBytes + (labels === 'soft' ? set.softLabelBytes : 0) : 0,
      });
    }
  for (const cell of cells) {
    const random = cells.find((c) => c.method === 'random' && c.ipc === cell.ipc && c.labels === cell.labels);
    if (random?.mean != null && cell.mean !== null) cell.vsRandom = cell.mean - random.mean;
  }
  return {
    id: bench.id,
    name: bench.name,
    datasetId: bench.datasetId,
    datasetName: facts.datasetName,
    classNames: facts.classNames,
    status: bench.status,
    definition: def,
    protocol: bench.protocol,
    fullTrainImages: facts.fullTrainImages,
    fullPngBytes: facts.fullPngBytes,
    testImages: facts.testImages,
    teacherAccuracy: facts.teacherAccuracy,
    sets,
    cells,
    timing: facts.timing,
    createdAt: bench.createdAt,
    finishedAt: bench.finishedAt,
  };
}
