import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/shared/rpc/errors';
import { createRng } from '../../../../src/shared/random';
import {
  classRng,
  selectClassBalanced,
  type SelectionInput,
} from '../../../../src/main/compress/select/select-class-balanced';

/*
 * Two classes of five rows.
 *   row:     0     1     2     3     4  |   5     6     7     8     9
 *   id:     14    11    13    10    12  |  21    24    20    23    22
 *   el2n:   .5    .1    .9    .3    .7  |  .2    .2    .8    .4    .6   (low = easy)
 *   x, y: (4,−3) (0,1.5) (1,0) (−3,1.5) (−2,0) | (0,0) (1,0) (10,0) (0,5) (6,4)
 */
const sampleIds = [14, 11, 13, 10, 12, 21, 24, 20, 23, 22];
const scores = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.2, 0.8, 0.4, 0.6];
const data = new Float32Array([4, -3, 0, 1.5, 1, 0, -3, 1.5, -2, 0, 0, 0, 1, 0, 10, 0, 0, 5, 6, 4]);
const pools = [
  { classIndex: 0, name: 'cat', rows: [0, 1, 2, 3, 4] },
  { classIndex: 1, name: 'dog', rows: [5, 6, 7, 8, 9] },
];
const base: SelectionInput = {
  method: 'el2n',
  rule: 'easy',
  ipc: 2,
  seed: 7,
  pools,
  sampleIds,
  scores,
  easyEnd: 'low',
  features: { data, dim: 2 },
};
const run = (over: Partial<SelectionInput>): Map<number, number[]> =>
  selectClassBalanced({ ...base, ...over }).perClass;

describe('class-balanced selection: score rules', () => {
  it('easy: the IPC lowest per class, as sample ids', () => {
    // cat: .1 (id 11), .3 (id 10); dog: .2 (id 21) and .2 (id 24) tie → by id
    expect(run({})).toEqual(
      new Map([
        [0, [11, 10]],
        [1, [21, 24]],
      ]),
    );
  });

  it('hard: the IPC highest per class', () => {
    // cat: .9 (13), .7 (12); dog: .8 (20), .6 (22)
    expect(run({ rule: 'hard' })).toEqual(
      new Map([
        [0, [13, 12]],
        [1, [20, 22]],
      ]),
    );
  });

  it('ccs: one row from each stratum, never the dropped hardest', () => {
    /*
     * β 0.2 of 5 drops ⌊1⌋: cat row2 (.9), dog row7 (.8). Two strata over the kept range:
     *   cat [.1, .7]: {.1, .3} | {.5, .7}  → one of ids {11, 10}, then one of {14, 12}
     *   dog [.2, .6]: {.2, .2} | {.4, .6}  → one of ids {21, 24}, then one of {23, 22}
     * Strata of equal size get ⌊2/2⌋ = 1 each.
     */
    const out = run({ rule: 'ccs', ccs: { beta: 0.2, strata: 2 } });
    const [c0, c1] = [out.get(0) ?? [], out.get(1) ?? []];
    expect([11, 10]).toContain(c0[0]);
    expect([14, 12]).toContain(c0[1]);
    expect([21, 24]).toContain(c1[0]);
    expect([23, 22]).toContain(c1[1]);
  });

  it('ccs: an IPC reaching past the kept rows takes the dropped ones last, with a warning', () => {
    // cat keeps 4 of 5; IPC 5 → the 4 kept easy-first (.1 .3 .5 .7 = 11 10 14 12), then 13
    const { perClass, warnings } = selectClassBalanced({ ...base, rule: 'ccs', ipc: 5, ccs: { beta: 0.2 } });
    expect(perClass.get(0)).toEqual([11, 10, 14, 12, 13]);
    expect(warnings.some((w) => w.includes('"cat"') && w.includes('dropped'))).toBe(true);
    // IPC 4 = the kept count: no dropped row used, no warning
    const four = selectClassBalanced({ ...base, rule: 'ccs', ipc: 4, ccs: { beta: 0.2 } });
    expect(four.perClass.get(0)).toEqual([11, 10, 14, 12]);
    expect(four.warnings).toEqual([]);
  });
});

describe('class-balanced selection: feature and random methods', () => {
  it('herding per class', () => {
    /*
     * cat: μ = (0,0); nearest (1,0) = row2 (id 13); then target (−1,0) → (−2,0) = row4 (id 12).
     * dog: μ = (17/5, 9/5) = (3.4, 1.8); d²: (0,0) 14.8, (1,0) 9, (10,0) 46.8, (0,5) 21.8,
     *      (6,4) 11.6 → row6 (id 24); target 2μ − (1,0) = (5.8, 3.6): (6,4) at 0.04 + 0.16 = 0.2
     *      is nearest (next is (10,0) at 17.64 + 12.96 = 30.6) → row9 (id 22).
     */
    expect(run({ method: 'herding', rule: null })).toEqual(
      new Map([
        [0, [13, 12]],
        [1, [24, 22]],
      ]),
    );
  });

  it('k-center per class from the seeded first center', () => {
    /*
     * Rows are taken in id order; first = ⌊rng()·5⌋ of the class's own generator. For each
     * possible start, the farthest point (squared distances):
     * cat, id order 10 (−3,1.5), 11 (0,1.5), 12 (−2,0), 13 (1,0), 14 (4,−3):
     *   10: 14 at 49+20.25      11: 14 at 16+20.25     12: 14 at 36+9
     *   13: 10 at 16+2.25 = 18.25 (beats 14 at 18)     14: 10 at 69.25
     * dog, id order 20 (10,0), 21 (0,0), 22 (6,4), 23 (0,5), 24 (1,0):
     *   20: 23 at 125   21: 20 at 100   22: 21 at 52   23: 20 at 125   24: 20 at 81
     */
    const cat = [
      [10, 14],
      [11, 14],
      [12, 14],
      [13, 10],
      [14, 10],
    ];
    const dog = [
      [20, 23],
      [21, 20],
      [22, 21],
      [23, 20],
      [24, 20],
    ];
    for (const seed of [0, 1, 2, 3, 7]) {
      const out = run({ method: 'kcenter', rule: null, seed });
      expect(out.get(0)).toEqual(cat[Math.floor(classRng(seed, 0)() * 5)]);
      expect(out.get(1)).toEqual(dog[Math.floor(classRng(seed, 1)() * 5)]);
    }
  });

  it('derives each class generator from the seed and class index as documented', () => {
    for (const [seed, c] of [
      [7, 0],
      [7, 1],
      [123, 4],
    ] as const) {
      const expected = createRng((seed ^ Math.imul(c + 1, 0x9e3779b1)) >>> 0);
      const actual = classRng(seed, c);
      expect([actual(), actual()]).toEqual([expected(), expected()]);
    }
    expect(classRng(7, 0)()).not.toBe(classRng(7, 1)());
  });

  it('random: IPC distinct ids of the class, the same whatever other classes exist', () => {
    const both = run({ method: 'random', rule: null, ipc: 3 });
    const dogOnly = selectClassBalanced({
      ...base,
      method: 'random',
      rule: null,
      ipc: 3,
      pools: [pools[1]!],
    });
    expect(dogOnly.perClass.get(1)).toEqual(both.get(1));
    for (const id of both.get(0) ?? []) expect([10, 11, 12, 13, 14]).toContain(id);
    expect(new Set(both.get(0)).size).toBe(3);
    const seeds = new Set(
      [0, 1, 2, 3, 4, 5].map((seed) => JSON.stringify(run({ method: 'random', rule: null, seed }).get(0))),
    );
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('class-balanced selection: short classes', () => {
  it('keeps all of a class smaller than the IPC and names it', () => {
    const short = [pools[0]!, { classIndex: 1, name: 'dog', rows: [5, 6, 7] }];
    const out = selectClassBalanced({ ...base, ipc: 4, pools: short });
    // cat: 4 easiest .1 .3 .5 .7 → 11 10 14 12; dog: all 3 easy-first .2 .2 .8 → 21 24 20
    expect(out.perClass.get(0)).toEqual([11, 10, 14, 12]);
    expect(out.perClass.get(1)).toEqual([21, 24, 20]);
    expect(out.warnings).toEqual(['class "dog" has only 3 images; kept all 3 (IPC 4)']);
    expect(out.short).toEqual([{ classIndex: 1, name: 'dog', available: 3 }]);
  });
});

describe('class-balanced selection: validation', () => {
  const cases: [string, Partial<SelectionInput>, RegExp][] = [
    ['IPC 0', { ipc: 0 }, /IPC must be an integer ≥ 1, got 0/],
    ['fractional IPC', { ipc: 2.5 }, /got 2\.5/],
    ['unknown method', { method: 'magic' as SelectionInput['method'] }, /unknown selection method "magic"/],
    ['unknown rule', { rule: 'medium' as SelectionInput['rule'] }, /unknown rule "medium"/],
    ['score method without rule', { rule: null }, /el2n needs a rule/],
    ['score method without scores', { scores: undefined }, /needs scores/],
    ['score method without easy end', { easyEnd: undefined }, /easy end/],
    ['random with a rule', { method: 'random', rule: 'easy' }, /rule applies to score-based methods only/],
    ['herding with a rule', { method: 'herding', rule: 'hard' }, /score-based methods only/],
    [
      'kcenter without features',
      { method: 'kcenter', rule: null, features: undefined },
      /needs feature vectors/,
    ],
    ['scores length', { scores: [0.1, 0.2] }, /2 scores for 10 samples/],
    [
      'features length',
      { method: 'herding', rule: null, features: { data: new Float32Array(6), dim: 2 } },
      /6 feature values/,
    ],
    ['fractional seed', { seed: 0.5 }, /seed/],
    ['row out of range', { pools: [{ classIndex: 0, name: 'cat', rows: [0, 10] }] }, /row 10/],
    ['duplicate class', { pools: [pools[0]!, { ...pools[1]!, classIndex: 0 }] }, /appears twice/],
    ['bad CCS beta', { rule: 'ccs', ccs: { beta: 1 } }, /beta/],
  ];
  for (const [label, over, message] of cases) {
    it(`rejects ${label}`, () => {
      let caught: unknown;
      try {
        selectClassBalanced({ ...base, ...over });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).code).toBe('bad_request');
      expect((caught as ApiError).message).toMatch(message);
    });
  }
});
