/**
 * Crop boxes: torchvision's RandomResizedCrop on hand-scripted draws, the constrained crop never
 * sampling outside its cell (checked on the sample positions cropAndResize computes, in float32
 * as the wasm kernel and in float64 as the cpu kernel), area / aspect ranges, reproducibility.
 */
import { describe, expect, it } from 'vitest';
import {
  cellRegion,
  cellSpan,
  constrainedBoxes,
  flipFlags,
  randomResizedBox,
  randomResizedCrop,
  wholeBoxes,
} from '../../../../src/main/ml/augment/boxes.ts';
import { createRng } from '../../../../src/shared/random.ts';

function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error('scripted rng exhausted');
    return values[i++] as number;
  };
}

const f = Math.fround;
/** Source coordinates of the R output rows of box side [lo, hi], as the wasm kernel (f32) computes them. */
function wasmSamples(lo: number, hi: number, R: number): number[] {
  const scale = f(f(f(hi - lo) * (R - 1)) / (R - 1));
  return Array.from({ length: R }, (_, y) => f(f(lo * (R - 1)) + f(y * scale)));
}
/** The same in float64, as the cpu kernel computes them. */
function cpuSamples(lo: number, hi: number, R: number): number[] {
  const scale = ((hi - lo) * (R - 1)) / (R - 1);
  return Array.from({ length: R }, (_, y) => lo * (R - 1) + y * scale);
}
/** Bilinear reads rows floor(s) and ceil(s): both must be pixels of [a, b). */
function tapsInside(samples: number[], a: number, b: number): boolean {
  return samples.every((s) => Math.floor(s) >= a && Math.ceil(s) <= b - 1);
}

function boxAt(boxes: Float32Array, i: number): [number, number, number, number] {
  return [boxes[i * 4] ?? NaN, boxes[i * 4 + 1] ?? NaN, boxes[i * 4 + 2] ?? NaN, boxes[i * 4 + 3] ?? NaN];
}

/** Pixel height / width of a box side, undoing the edge margin. */
const pixelsOf = (lo: number, hi: number, R: number): number => Math.round((hi - lo) * (R - 1)) + 1;

describe('cellSpan / cellRegion', () => {
  it('tiles [0, R) with round(j·R/k) boundaries', () => {
    expect([0, 1, 2].map((j) => cellSpan(j, 3, 28))).toEqual([
      [0, 9],
      [9, 19],
      [19, 28],
    ]);
    for (const R of [28, 32]) {
      for (let k = 1; k <= 6; k++) {
        const spans = Array.from({ length: k }, (_, j) => cellSpan(j, k, R));
        expect(spans[0]?.[0]).toBe(0);
        expect(spans.at(-1)?.[1]).toBe(R);
        for (let j = 1; j < k; j++) expect(spans[j]?.[0]).toBe(spans[j - 1]?.[1]);
      }
    }
  });

  it('describes a cell by the align-corners coordinates of its first and last pixel', () => {
    const { region, regionPx } = cellRegion(3, 2, 4); // rows 2…3, columns 2…3 of a 4×4 image
    expect(region).toEqual({ y0: 2 / 3, x0: 2 / 3, y1: 1, x1: 1 });
    expect(regionPx).toEqual({ height: 2, width: 2 });
  });
});

describe('randomResizedCrop (torchvision get_params)', () => {
  it('matches a hand-worked first try', () => {
    // area 100·(0.08 + 0.92·0.5) = 54, aspect exp(mean log) = 1 → w = h = round(√54) = 7;
    // top = floor(0.25·4) = 1, left = floor(0.99·4) = 3.
    const crop = randomResizedCrop(scripted([0.5, 0.5, 0.25, 0.99]), 10, 10);
    expect(crop).toEqual({ top: 1, left: 3, height: 7, width: 7 });
  });

  it('falls back to the central crop clamped to the ratio range, rounding half to even', () => {
    // aspect ≥ 4 never fits a 10×10 image at full area: 10 tries (20 draws), then w = 10,
    // h = round(10 / 4) = round(2.5) = 2 (Python rounds half to even), top = (10 − 2) // 2.
    const crop = randomResizedCrop(scripted(Array.from({ length: 20 }, () => 0.5)), 10, 10, [1, 1], [4, 5]);
    expect(crop).toEqual({ top: 4, left: 0, height: 2, width: 10 });
    const wide = randomResizedCrop(
      scripted(Array.from({ length: 20 }, () => 0.5)),
      10,
      10,
      [1, 1],
      [0.2, 0.25],
    );
    expect(wide).toEqual({ top: 0, left: 4, height: 10, width: 2 });
  });

  it('refuses reversed or out-of-range scale and ratio', () => {
    expect(() => constrainedBoxes(createRng(1), 1, 2, 28, { scale: [0.5, 0.2] })).toThrow(RangeError);
    expect(() => constrainedBoxes(createRng(1), 1, 2, 28, { scale: [0, 1] })).toThrow(RangeError);
    expect(() => wholeBoxes(createRng(1), 1, 28, { ratio: [2, 1] })).toThrow(RangeError);
    expect(() => constrainedBoxes(createRng(1), 1, 29, 28)).toThrow(RangeError);
  });
});

describe('constrainedBoxes', () => {
  const draws = 10_000;
  for (const R of [28, 32]) {
    for (const k of [1, 2, 3, 4]) {
      it(`never samples outside its cell (k = ${k}, R = ${R}, ${draws} draws)`, () => {
        const { boxes, cells } = constrainedBoxes(createRng(1000 * k + R), draws, k, R);
        const counts = new Array<number>(k * k).fill(0);
        for (let i = 0; i < draws; i++) {
          const cell = cells[i] as number;
          counts[cell] = (counts[cell] as number) + 1;
          const [a, b] = cellSpan(Math.floor(cell / k), k, R);
          const [c, d] = cellSpan(cell % k, k, R);
          const [y1, x1, y2, x2] = boxAt(boxes, i);
          const inside =
            y1 <= y2 &&
            x1 <= x2 &&
            tapsInside(wasmSamples(y1, y2, R), a, b) &&
            tapsInside(wasmSamples(x1, x2, R), c, d) &&
            tapsInside(cpuSamples(y1, y2, R), a, b) &&
            tapsInside(cpuSamples(x1, x2, R), c, d);
          if (!inside) throw new Error(`box ${i} [${y1}, ${x1}, ${y2}, ${x2}] leaves cell ${cell}`);
        }
        // Cells are chosen uniformly: each within 15 % of draws / k².
        for (const count of counts)
          expect(Math.abs(count - draws / (k * k))).toBeLessThan((0.15 * draws) / (k * k));
      });
    }
  }

  it('keeps area and aspect within the requested ranges (up to torchvision’s rounding)', () => {
    for (const [scale, ratio] of [
      [
        [0.08, 1],
        [3 / 4, 4 / 3],
      ],
      [
        [0.25, 0.5],
        [0.5, 2],
      ],
    ] as const) {
      const R = 32;
      const k = 2;
      const { boxes } = constrainedBoxes(createRng(7), 10_000, k, R, { scale, ratio });
      const cellArea = 16 * 16;
      let smallest = 1;
      let largest = 0;
      for (let i = 0; i < 10_000; i++) {
        const [y1, x1, y2, x2] = boxAt(boxes, i);
        const h = pixelsOf(y1, y2, R);
        const w = pixelsOf(x1, x2, R);
        // w = round(√(area·r)), h = round(√(area/r)): area and r are within half a pixel of them.
        expect((w - 0.5) * (h - 0.5)).toBeLessThanOrEqual(scale[1] * cellArea);
        expect((w + 0.5) * (h + 0.5)).toBeGreaterThanOrEqual(scale[0] * cellArea);
        expect((w - 0.5) / (h + 0.5)).toBeLessThanOrEqual(ratio[1]);
        expect((w + 0.5) / (h - 0.5)).toBeGreaterThanOrEqual(ratio[0]);
        smallest = Math.min(smallest, (w * h) / cellArea);
        largest = Math.max(largest, (w * h) / cellArea);
      }
      // The whole range is used, not just part of it.
      expect(smallest).toBeLessThan(scale[0] + 0.05);
      expect(largest).toBeGreaterThan(scale[1] - 0.1);
    }
  });

  it('is reproducible from the seed', () => {
    const a = constrainedBoxes(createRng(5), 100, 2, 28);
    const b = constrainedBoxes(createRng(5), 100, 2, 28);
    const c = constrainedBoxes(createRng(6), 100, 2, 28);
    expect(a).toEqual(b);
    expect(Array.from(a.boxes)).not.toEqual(Array.from(c.boxes));
  });
});

describe('randomResizedBox on one-pixel crops', () => {
  it('leans toward a neighbour inside the region, never outside it', () => {
    const R = 9;
    const { region, regionPx } = cellRegion(4, 3, R); // rows and columns 3…5
    // area 9·0.1 = 0.9, aspect 1 → a 1×1 crop; top / left = floor(u·3).
    for (const [u, pixel] of [
      [0, 3],
      [0.5, 4],
      [0.99, 5],
    ] as const) {
      const { box, crop } = randomResizedBox(
        scripted([0.5, 0.5, u, u]),
        region,
        regionPx,
        [0.1, 0.1],
        [1, 1],
      );
      expect(crop).toMatchObject({ height: 1, width: 1 });
      expect(box[0]).toBe(box[2]);
      expect(Math.abs((box[0] as number) * (R - 1) - pixel)).toBeLessThan(0.01);
      expect(tapsInside(wasmSamples(f(box[0]), f(box[2]), R), 3, 6)).toBe(true);
      expect(tapsInside(cpuSamples(f(box[1]), f(box[3]), R), 3, 6)).toBe(true);
    }
  });
});

describe('wholeBoxes / flipFlags', () => {
  it('stays inside the image, short of a full-width box (the wasm kernel’s memcpy shortcut)', () => {
    const R = 28;
    const boxes = wholeBoxes(createRng(3), 10_000, R);
    for (let i = 0; i < 10_000; i++) {
      const [y1, x1, y2, x2] = boxAt(boxes, i);
      expect(tapsInside(wasmSamples(y1, y2, R), 0, R) && tapsInside(wasmSamples(x1, x2, R), 0, R)).toBe(true);
      expect(x2 - x1).toBeLessThan(1);
    }
  });

  it('flips about half, draws nothing when off', () => {
    const flags = flipFlags(createRng(1), 10_000, true);
    const flipped = flags.reduce((s, v) => s + v, 0);
    expect(Math.abs(flipped - 5000)).toBeLessThan(300);
    const rng = createRng(1);
    expect(Array.from(flipFlags(rng, 5, false))).toEqual([0, 0, 0, 0, 0]);
    expect(rng()).toBe(createRng(1)());
  });
});
