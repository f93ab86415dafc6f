import type { BenchNumberField } from './bench-form';

/*
 * Which number fields the Benchmark form shows, in order, for the methods and labels chosen.
 * Their bounds and hints are BENCH_LIMITS and BENCH_HINTS (bench-form.ts), which also check them.
 */

/** A number field of the form: the key it binds, its element id and its label. */
export interface BenchNumberFieldSpec {
  key: BenchNumberField;
  id: string;
  label: string;
  placeholder?: string;
}

/** The protocol's number fields; teacher epochs only when a soft-label or RDED cell needs a teacher. */
export function protocolFields(teacher: boolean): BenchNumberFieldSpec[] {
  return [
    { key: 'seeds', id: 'bench-seeds', label: 'Seeds' },
    { key: 'width', id: 'bench-width', label: 'Width' },
    { key: 'steps', id: 'bench-steps', label: 'Steps' },
    ...(teacher
      ? [{ key: 'teacherEpochs', id: 'bench-teacher-epochs', label: 'Teacher epochs' } as const]
      : []),
    { key: 'parallel', id: 'bench-parallel', label: 'Parallel runs', placeholder: 'one per core' },
  ];
}

/** The advanced fields the chosen methods use: the scoring proxy's and DM's. */
export function advancedFields(scoring: boolean, dm: boolean): BenchNumberFieldSpec[] {
  return [
    ...(scoring
      ? ([
          { key: 'scoringWidth', id: 'bench-scoring-width', label: 'Scoring width' },
          { key: 'scoringEpochs', id: 'bench-scoring-epochs', label: 'Scoring epochs' },
        ] as const)
      : []),
    ...(dm ? [{ key: 'dmIterations', id: 'bench-dm-iterations', label: 'DM iterations' } as const] : []),
  ];
}
