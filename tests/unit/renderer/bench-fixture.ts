import type { BenchCellDto, BenchResultDto, BenchSetDto } from '../../../src/shared/api/bench-dto';
import {
  benchDefinitionSchema,
  type BenchMethod,
  type LabelMode,
} from '../../../src/shared/api/bench-params';

/** A benchmark of random, herding and DM at IPC 1 and 2, hard and soft labels; `means` by cell. */
export function benchResult(
  means: Partial<Record<string, number[]>> = {},
  overrides: Partial<BenchResultDto> = {},
): BenchResultDto {
  const methods: BenchMethod[] = ['random', 'herding', 'dm'];
  const ipcs = [1, 2];
  const modes: LabelMode[] = ['hard', 'soft'];
  const sets: BenchSetDto[] = ipcs.flatMap((ipc) =>
    methods.map((method) => ({
      method,
      ipc,
      setId: 10 + ipc,
      images: ipc * 10,
      sourceImages: ipc * 10,
      pngBytes: ipc * 5000,
      epochs: 20,
      softLabelBytes: ipc * 8000,
      ratioToFull: (ipc * 5000) / 1_000_000,
    })),
  );
  const cells: BenchCellDto[] = [];
  for (const labels of modes)
    for (const ipc of ipcs)
      for (const method of methods) {
        const accs = means[`${method}/${ipc}/${labels}`] ?? [];
        const mean = accs.length ? accs.reduce((a, b) => a + b, 0) / accs.length : null;
        cells.push({
          method,
          ipc,
          labels,
          runs: accs.map((accuracy, seed) => ({ seed, accuracy, seconds: 1, runId: seed + 1 })),
          mean,
          std: accs.length > 1 ? 0.02 : accs.length ? 0 : null,
          vsRandom: null,
          storageBytes: ipc * 5000 + (labels === 'soft' ? ipc * 8000 : 0),
        });
      }
  return {
    id: 3,
    name: 'tiny',
    datasetId: 1,
    datasetName: 'fashion-mnist-sample',
    classNames: ['a', 'b'],
    status: 'running',
    definition: benchDefinitionSchema.parse({
      datasetId: 1,
      methods,
      ipcs,
      labels: modes,
      seeds: 1,
    }),
    protocol: {},
    fullTrainImages: 3000,
    fullPngBytes: 1_000_000,
    testImages: 1000,
    teacherAccuracy: null,
    sets,
    cells,
    timing: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}
