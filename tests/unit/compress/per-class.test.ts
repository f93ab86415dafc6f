import { describe, expect, it } from 'vitest';
import { classRng, samplesByClass } from '../../../src/main/compress/per-class';

describe('per-class planning', () => {
  it('keeps the generators DM (salt 0xd3) and RDED (salt 0x4ded) have always drawn from', () => {
    // Stored sets' contents depend on these streams: the values are the ones the methods' own
    // generators gave before they were shared.
    const draws = (salt: number, seed: number, c: number) => {
      const rng = classRng(salt, seed, c);
      return [rng(), rng(), rng()];
    };
    expect(draws(0xd3, 7, 2)).toEqual([0.3289603318553418, 0.07321725296787918, 0.00918493838980794]);
    expect(draws(0x4ded, 7, 2)).toEqual([0.6675709432456642, 0.3242199851665646, 0.7684329375624657]);
    expect(draws(0xd3, 0, 0)).toEqual([0.9714171960949898, 0.43078615120612085, 0.307568026939407]);
    expect(draws(0x4ded, 4294967295, 9)).toEqual([
      0.8343165616970509, 0.20818760991096497, 0.6938036764040589,
    ]);
  });

  it('groups samples by class in class order, each class in the given order', () => {
    const s = (id: number, classIndex: number) => ({ id, classIndex });
    expect(samplesByClass([s(1, 2), s(2, 0), s(3, 2), s(4, 1), s(5, 0)])).toEqual([
      [0, [s(2, 0), s(5, 0)]],
      [1, [s(4, 1)]],
      [2, [s(1, 2), s(3, 2)]],
    ]);
    expect(samplesByClass([])).toEqual([]);
  });
});
