import type { StepId } from './route';

/**
 * The guided path through a project: the steps in order, what each does in plain words, and
 * what must exist before a step has anything to work on. Pure, so the rules are unit-tested and
 * the components only render them.
 */

export interface StepInfo {
  id: StepId;
  title: string;
  /** One line under the title in the step list: what the step gives the user. */
  summary: string;
  /** Part of the numbered path (Jobs is a side screen, always reachable). */
  numbered: boolean;
}

export const STEPS: readonly StepInfo[] = [
  { id: 'import', title: 'Import', summary: 'Bring in a folder of images', numbered: true },
  { id: 'prune', title: 'Prune', summary: 'Score the images, keep the best', numbered: true },
  { id: 'combine', title: 'Combine', summary: 'Tile kept images into mosaics', numbered: true },
  { id: 'augment', title: 'Augment', summary: 'Preview the training views', numbered: true },
  { id: 'train', title: 'Train & evaluate', summary: 'Check the set trains a good model', numbered: true },
  { id: 'benchmark', title: 'Benchmark', summary: 'Compare methods on your data', numbered: true },
  { id: 'export', title: 'Export', summary: 'Write the compressed set to disk', numbered: true },
  { id: 'jobs', title: 'Jobs', summary: 'Everything running and done', numbered: false },
];

export function stepInfo(id: StepId): StepInfo {
  return STEPS.find((s) => s.id === id)!;
}

/** What exists in the project, which decides what each step can work on. */
export interface ProjectFacts {
  /** Datasets whose import finished. */
  readyDatasets: number;
  selections: number;
  sets: number;
  runs: number;
  benchmarks: number;
  exports: number;
}

export type Readiness = { ready: true } | { ready: false; reason: string; fixStep: StepId };

/** Whether a step has what it needs; if not, why in words and which step provides it. */
export function readiness(step: StepId, facts: ProjectFacts): Readiness {
  const needDataset: Readiness = {
    ready: false,
    reason: 'There is no imported dataset yet. Import a folder of images (or the bundled sample) first.',
    fixStep: 'import',
  };
  switch (step) {
    case 'import':
    case 'jobs':
      return { ready: true };
    case 'prune':
    case 'benchmark':
      return facts.readyDatasets > 0 ? { ready: true } : needDataset;
    case 'combine':
      if (facts.readyDatasets === 0) return needDataset;
      return facts.selections > 0
        ? { ready: true }
        : {
            ready: false,
            reason: 'Combine tiles the images a selection kept. Choose a subset in Prune first.',
            fixStep: 'prune',
          };
    case 'augment':
    case 'train':
    case 'export':
      if (facts.readyDatasets === 0) return needDataset;
      return facts.sets > 0
        ? { ready: true }
        : {
            ready: false,
            reason: 'There is no compressed set yet. Keep a subset in Prune and store it in Combine first.',
            fixStep: facts.selections > 0 ? 'combine' : 'prune',
          };
  }
}

/** Whether a step's own work is done, for the ✓ in the step list (never shown by colour alone). */
export function stepDone(step: StepId, facts: ProjectFacts): boolean {
  switch (step) {
    case 'import':
      return facts.readyDatasets > 0;
    case 'prune':
      return facts.selections > 0;
    case 'combine':
      return facts.sets > 0;
    case 'augment':
      // Augmentation is a training setting: it is "done" once a run has used it.
      return facts.runs > 0;
    case 'train':
      return facts.runs > 0;
    case 'benchmark':
      return facts.benchmarks > 0;
    case 'export':
      return facts.exports > 0;
    case 'jobs':
      return false;
  }
}

const NUMBERED = STEPS.filter((s) => s.numbered);

/** The numbered step before and after (Jobs has neither). */
export function neighbours(step: StepId): { back: StepInfo | null; next: StepInfo | null } {
  const i = NUMBERED.findIndex((s) => s.id === step);
  if (i < 0) return { back: null, next: null };
  return { back: NUMBERED[i - 1] ?? null, next: NUMBERED[i + 1] ?? null };
}

/**
 * Next is allowed when the next step has what it needs; otherwise the message says what to do
 * here first. Moving on never needs the optional steps (augment, benchmark) to have run.
 */
export function checkNext(
  step: StepId,
  facts: ProjectFacts,
): { ok: true; to: StepId } | { ok: false; message: string } {
  const { next } = neighbours(step);
  if (!next) return { ok: false, message: 'This is the last step.' };
  const ready = readiness(next.id, facts);
  if (ready.ready) return { ok: true, to: next.id };
  return { ok: false, message: ready.reason };
}

/** "Step 3 of 7" for a numbered step, null for Jobs. */
export function stepPosition(step: StepId): string | null {
  const i = NUMBERED.findIndex((s) => s.id === step);
  return i < 0 ? null : `Step ${i + 1} of ${NUMBERED.length}`;
}
