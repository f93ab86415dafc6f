import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import {
  cropBoxes,
  cropSizeFor,
  lowestLossCrops,
  placeInCell,
  rankByLoss,
  sampleCropPositions,
} from '../../../../src/main/compress/rded/rded-crops';
import { buildClass } from '../../../../src/main/compress/rded/rded-build';
import { tileCrops } from '../../../../src/main/compress/rded/rded-mosaic';

describe('crop positions', () => {
  it('are whole-pixel placements of the crop inside the image, seeded, two draws per crop', () => {
    const crop = { height: 14, width: 14 };
    const a = sampleCropPositions(createRng(7), 2000, 28, 28, crop);
    expect(a).toEqual(sampleCropPositions(createRng(7), 2000, 28, 28, crop));
    expect(a).not.toEqual(sampleCropPositions(createRng(8), 2000, 28, 28, crop));
    const tops = new Set<number>();
    for (let i = 0; i < a.length; i += 2) {
      tops.add(a[i] as number);
      expect(a[i]).toBeGreaterThanOrEqual(0);
      expect((a[i] as number) + crop.height).toBeLessThanOrEqual(28);
      expect((a[i + 1] as number) + crop.width).toBeLessThanOrEqual(28);
    }
    // Every one of the 15 placements 0…14 occurs: the range is inclusive of the last.
    expect(tops.size).toBe(15);
    // Fixed draw order: crop i takes draws 2i (top) and 2i+1 (left).
    const rng = createRng(3);
    const u = [rng(), rng()];
    expect([...sampleCropPositions(createRng(3), 1, 28, 30, { height: 9, width: 10 })]).toEqual([
      Math.floor((u[0] as number) * 20),
      Math.floor((u[1] as number) * 21),
    ]);
  });

  it('a crop as large as the image has one placement; a larger one is refused', () => {
    expect([...sampleCropPositions(createRng(1), 3, 4, 4, { height: 4, width: 4 })]).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(() => sampleCropPositions(createRng(1), 1, 4, 4, { height: 5, width: 4 })).toThrow(RangeError);
  });

  it('the crop is the largest cell of the grid (cells 9, 10, 9 at 28 px, k = 3)', () => {
    expect(cropSizeFor(28, 28, 2)).toEqual({ height: 14, width: 14 });
    expect(cropSizeFor(28, 28, 3)).toEqual({ height: 10, width: 10 });
    expect(() => cropSizeFor(3, 3, 4)).toThrow(RangeError);
    // A 9-row cell keeps rows 0…8 of a 10-row crop (centre, rounded towards the top).
    expect(placeInCell(5, 2, { height: 10, width: 10 }, 9, 10)).toEqual({
      top: 5,
      left: 2,
      height: 9,
      width: 10,
    });
    expect(placeInCell(5, 2, { height: 10, width: 12 }, 8, 10)).toEqual({
      top: 6,
      left: 3,
      height: 8,
      width: 10,
    });
  });

  it('boxes hit the first and last crop pixel centres, pulled in by the edge margin', () => {
    const b = cropBoxes(Int32Array.from([0, 14, 27, 0]), { height: 14, width: 14 }, 28, 28);
    const m = 1e-3 / 27;
    expect(b[0]).toBeCloseTo(m, 7);
    expect(b[1]).toBeCloseTo(14 / 27 + m, 6);
    expect(b[2]).toBeCloseTo(13 / 27 - m, 6);
    expect(b[3]).toBeCloseTo(1 - m, 6);
  });
});

describe('lowest-loss selection', () => {
  // 4 images × 3 crops, worked by hand: best crops 1, 0, 2, 0 with losses 0.2, 0.9, 0.1, 0.2.
  const table = [0.5, 0.2, 0.7, 0.9, 1.0, 2.0, 0.3, 0.4, 0.1, 0.2, 0.2, NaN];

  it("keeps each image's lowest-loss crop (ties: the earlier crop; NaN is the worst)", () => {
    const best = lowestLossCrops(table, 4, 3);
    expect([...best.crop]).toEqual([1, 0, 2, 0]);
    expect([...best.loss]).toEqual([0.2, 0.9, 0.1, 0.2]);
    expect(lowestLossCrops([NaN, NaN], 1, 2).loss[0]).toBe(Infinity);
    expect(() => lowestLossCrops(table, 4, 2)).toThrow(RangeError);
  });

  it('ranks images by their best loss (ties: the earlier image) and keeps the first ones', () => {
    expect(rankByLoss([0.2, 0.9, 0.1, 0.2], 3)).toEqual([2, 0, 3]);
    expect(rankByLoss([0.2, 0.9, 0.1, 0.2], 10)).toEqual([2, 0, 3, 1]);
  });

  it('a class: best crops of the best images, tiled consecutively with their exact pixels', () => {
    // Four 4×4 one-channel images whose pixel value is 16·image + position, k = 2: 2×2 crops.
    const pixels = Uint8Array.from({ length: 4 * 16 }, (_, i) => i);
    const positions = Int32Array.from(
      // image-major, 3 crops each, [top, left]
      [0, 0, 1, 1, 2, 2, 0, 2, 2, 0, 1, 0, 2, 2, 0, 0, 1, 2, 1, 1, 0, 1, 2, 1],
    );
    const cls = {
      classIndex: 3,
      name: 'c',
      candidates: [10, 11, 12, 13].map((id, i) => ({ id, cacheIndex: i, classIndex: 3 })),
      positions,
    };
    const shape = { height: 4, width: 4, channels: 1 };
    const built = buildClass(cls, Float32Array.from(table), pixels, {
      ipc: 1,
      k: 2,
      cropsPerImage: 3,
      crop: { height: 2, width: 2 },
      shape,
    });
    expect(built.chosen.map((c) => [c.sampleId, c.top, c.left])).toEqual([
      [12, 1, 2], // image 2, crop 2
      [10, 1, 1], // image 0, crop 1
      [13, 1, 1], // image 3, crop 0
      [11, 0, 2], // image 1, crop 0
    ]);
    const [mosaic] = built.mosaics;
    expect(mosaic?.tileSampleIds).toEqual([12, 10, 13, 11]);
    expect(mosaic?.boxes).toEqual([
      [1, 2, 2, 2],
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [0, 2, 2, 2],
    ]);
    // Top-left cell = image 2's rows 1–2, columns 2–3: values 32 + 6, 7, 10, 11.
    expect([...(mosaic?.pixels ?? [])].slice(0, 2)).toEqual([38, 39]);
    expect([...(mosaic?.pixels ?? [])].slice(4, 6)).toEqual([42, 43]);
    expect(mosaic?.pixels).toEqual(
      tileCrops(
        built.chosen.map((c) => ({ pixels: pixels.subarray(c.candidate * 16, c.candidate * 16 + 16), ...c })),
        shape,
        2,
        { height: 2, width: 2 },
      ),
    );
    expect(built.warnings).toEqual([]);
  });
});
