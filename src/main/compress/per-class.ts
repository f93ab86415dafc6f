/**
 * Per-class planning shared by the synthesis methods (DM, RDED): the training samples grouped by
 * class, and one seeded generator per class so a class's choices do not depend on the others.
 */
import { createRng } from '../../shared/random';

/**
 * One generator per (seed, class): `salt` keeps each method's streams apart (DM 0xd3, RDED 0x4ded).
 * A method's salt is part of its stored sets' identity: changing it changes every set it makes.
 */
export function classRng(salt: number, seed: number, classIndex: number): () => number {
  return createRng((Math.imul(seed ^ salt, 0x9e3779b1) + Math.imul(classIndex + 1, 0x85ebca6b)) >>> 0);
}

/** The samples grouped by class, in class order; each class's samples keep their order. */
export function samplesByClass<T extends { classIndex: number }>(samples: readonly T[]): [number, T[]][] {
  const byClass = new Map<number, T[]>();
  for (const s of samples) {
    const list = byClass.get(s.classIndex) ?? [];
    list.push(s);
    byClass.set(s.classIndex, list);
  }
  return [...byClass.entries()].sort(([a], [b]) => a - b);
}
