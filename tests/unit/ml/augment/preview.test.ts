/** The Augment step's preview (plain JS): sizes, seeded, constrained views stay in their cell. */
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../../src/main/ml/augment/augment-batch.ts';
import { previewViewsJs as previewViews } from '../../../../src/main/ml/augment/preview-js.ts';

/** 2×2 mosaic of side 28, RGB, cell j solid (40·j + 20, 255 − 40·j, 7·j). */
function solidRgbMosaic(): Uint8Array {
  const out = new Uint8Array(28 * 28 * 3);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const j = (y < 14 ? 0 : 2) + (x < 14 ? 0 : 1);
      out.set([40 * j + 20, 255 - 40 * j, 7 * j], (y * 28 + x) * 3);
    }
  }
  return out;
}

describe('previewViewsJs', () => {
  it('returns count views of the stored size, each inside one cell, the same for the same seed', () => {
    const image = solidRgbMosaic();
    const first = previewViews(image, [28, 28, 3], defaultPolicy('constrained', 2), 42, 12);
    expect(first.views).toHaveLength(12);
    first.views.forEach((view, i) => {
      expect(view).toBeInstanceOf(Uint8Array);
      expect(view.length).toBe(28 * 28 * 3);
      const j = first.cells?.[i] as number;
      for (let p = 0; p < view.length; p += 3) {
        expect([view[p], view[p + 1], view[p + 2]]).toEqual([40 * j + 20, 255 - 40 * j, 7 * j]);
      }
    });
    const again = previewViews(image, [28, 28, 3], defaultPolicy('constrained', 2), 42, 12);
    expect(again).toEqual(first);
    const other = previewViews(image, [28, 28, 3], defaultPolicy('whole', 2), 43, 12);
    expect(other.views).not.toEqual(first.views);
  });

  it('policy none without flip shows the stored bytes; bad sizes are refused', () => {
    const image = Uint8Array.from({ length: 8 * 8 }, (_, i) => (i * 37) % 256);
    const { views } = previewViews(image, [8, 8, 1], { ...defaultPolicy('none', 1), flip: false }, 1, 3);
    for (const view of views) expect(view).toEqual(image);
    expect(() => previewViews(image, [8, 8, 3], defaultPolicy('none', 1), 1, 3)).toThrow(RangeError);
    expect(() => previewViews(image, [8, 8, 1], defaultPolicy('none', 1), 1, -1)).toThrow(RangeError);
  });
});
