export interface ClassComparison {
  classIndex: number;
  countA: number;
  countB: number;
  overlap: number;
  /** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
  jaccard: number;
}

export interface SelectionComparison {
  perClass: ClassComparison[];
  overlap: number;
  countA: number;
  countB: number;
  jaccard: number;
}

function jaccard(countA: number, countB: number, overlap: number): number {
  const union = countA + countB - overlap;
  return union === 0 ? 0 : overlap / union;
}

/**
 * How much two selections (class index → kept sample ids) agree, per class and overall, so a user
 * can see e.g. that easy-first and CCS keep mostly different images. Counts are of distinct ids,
 * so a repeated id cannot push the Jaccard index past 1. Classes are the union of both maps,
 * ascending; a class missing from one side counts as empty there.
 */
export function compareSelections(
  a: ReadonlyMap<number, readonly number[]>,
  b: ReadonlyMap<number, readonly number[]>,
): SelectionComparison {
  const classes = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  const perClass: ClassComparison[] = [];
  let countA = 0;
  let countB = 0;
  let overlap = 0;
  for (const classIndex of classes) {
    const setA = new Set(a.get(classIndex) ?? []);
    const setB = new Set(b.get(classIndex) ?? []);
    let common = 0;
    for (const id of setA) if (setB.has(id)) common++;
    perClass.push({
      classIndex,
      countA: setA.size,
      countB: setB.size,
      overlap: common,
      jaccard: jaccard(setA.size, setB.size, common),
    });
    countA += setA.size;
    countB += setB.size;
    overlap += common;
  }
  return { perClass, overlap, countA, countB, jaccard: jaccard(countA, countB, overlap) };
}
