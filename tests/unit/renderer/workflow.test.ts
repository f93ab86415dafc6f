import { describe, expect, it } from 'vitest';
import {
  checkNext,
  neighbours,
  readiness,
  stepDone,
  stepPosition,
  type ProjectFacts,
} from '../../../src/renderer/lib/workflow';

const empty: ProjectFacts = { readyDatasets: 0, selections: 0, sets: 0, runs: 0, benchmarks: 0, exports: 0 };

describe('the guided path', () => {
  it('orders the numbered steps and leaves Jobs aside', () => {
    expect(neighbours('import')).toMatchObject({ back: null, next: { id: 'prune' } });
    expect(neighbours('augment')).toMatchObject({ back: { id: 'combine' }, next: { id: 'train' } });
    expect(neighbours('export')).toMatchObject({ back: { id: 'benchmark' }, next: null });
    expect(neighbours('jobs')).toEqual({ back: null, next: null });
    expect(stepPosition('import')).toBe('Step 1 of 7');
    expect(stepPosition('export')).toBe('Step 7 of 7');
    expect(stepPosition('jobs')).toBeNull();
  });

  it('says what is missing and which step provides it', () => {
    expect(readiness('import', empty)).toEqual({ ready: true });
    expect(readiness('prune', empty)).toMatchObject({ ready: false, fixStep: 'import' });
    const withData = { ...empty, readyDatasets: 1 };
    expect(readiness('prune', withData)).toEqual({ ready: true });
    expect(readiness('benchmark', withData)).toEqual({ ready: true });
    expect(readiness('combine', withData)).toMatchObject({ ready: false, fixStep: 'prune' });
    expect(readiness('train', withData)).toMatchObject({ ready: false, fixStep: 'prune' });
    const withSelection = { ...withData, selections: 2 };
    expect(readiness('combine', withSelection)).toEqual({ ready: true });
    expect(readiness('export', withSelection)).toMatchObject({ ready: false, fixStep: 'combine' });
    expect(readiness('export', { ...withSelection, sets: 1 })).toEqual({ ready: true });
  });

  it('refuses Next in words until the next step has its input', () => {
    expect(checkNext('import', empty)).toEqual({
      ok: false,
      message: 'There is no imported dataset yet. Import a folder of images (or the bundled sample) first.',
    });
    expect(checkNext('import', { ...empty, readyDatasets: 1 })).toEqual({ ok: true, to: 'prune' });
    expect(checkNext('prune', { ...empty, readyDatasets: 1 })).toMatchObject({ ok: false });
    expect(checkNext('train', { ...empty, readyDatasets: 1, selections: 1, sets: 1 })).toEqual({
      ok: true,
      to: 'benchmark',
    });
    expect(checkNext('export', { ...empty, readyDatasets: 1 })).toEqual({
      ok: false,
      message: 'This is the last step.',
    });
  });

  it('marks a step done by what it produced', () => {
    const facts = { ...empty, readyDatasets: 1, selections: 1 };
    expect(stepDone('import', facts)).toBe(true);
    expect(stepDone('prune', facts)).toBe(true);
    expect(stepDone('combine', facts)).toBe(false);
    expect(stepDone('train', { ...facts, runs: 3 })).toBe(true);
    expect(stepDone('jobs', { ...facts, runs: 3 })).toBe(false);
  });
});
