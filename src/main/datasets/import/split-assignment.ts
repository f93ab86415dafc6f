import { createRng, shuffleInPlace } from '../../../shared/random';

/**
 * A seeded, stratified hold-out: in each class, round(n × fraction) samples go to test (at least
 * one when the fraction is positive and the class has two or more; a single image stays in
 * train). Returns the split of each item, by index.
 */
export function stratifiedSplit(
  classOf: readonly number[],
  testFraction: number,
  seed: number,
): ('train' | 'test')[] {
  const out: ('train' | 'test')[] = classOf.map(() => 'train');
  if (testFraction <= 0) return out;
  const byClass = new Map<number, number[]>();
  classOf.forEach((c, i) => {
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  });
  const rng = createRng(seed);
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(c) as number[];
    if (members.length < 2) continue;
    const n = Math.min(members.length - 1, Math.max(1, Math.round(members.length * testFraction)));
    for (const i of shuffleInPlace([...members], rng).slice(0, n)) out[i] = 'test';
  }
  return out;
}
