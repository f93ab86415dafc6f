import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import {
  addRowDots,
  addRowDotsPlain,
  PANEL_BYTES,
  scratchArrays,
} from '../../../../src/main/compress/select/row-dots';

describe('row-dot kernel', () => {
  it('adds a·bᵀ into a strided output: [[1,2],[3,4]] rows against [[5,6],[7,8]]', () => {
    // Rows padded to 4 (a) and 2 (b); out[i][j] += a_i·b_j: 1·5+2·6 = 17, 1·7+2·8 = 23, 39, 53.
    const [a, b, out] = scratchArrays([8, 4, 12]);
    a.set([1, 2, 3, 4]);
    b.set([5, 6, 7, 8]);
    out.fill(1);
    addRowDots(a, 4, b, 2, 2, out, 3);
    expect([...out]).toEqual([18, 24, 1, 40, 54, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('gives bit-identical results in WebAssembly and in plain JavaScript, across panels', () => {
    const len = 2048; // b panels of PANEL_BYTES / (8·len) rows: several for 40 rows
    expect(40 * len * 8).toBeGreaterThan(2 * PANEL_BYTES);
    const rng = createRng(9);
    const [a, b, out] = scratchArrays([8 * len, 40 * len, 8 * 50]);
    for (let i = 0; i < a.length; i++) a[i] = rng() * 2 - 1;
    for (let i = 0; i < b.length; i++) b[i] = rng() * 2 - 1;
    for (let i = 0; i < out.length; i++) out[i] = rng();
    const plain = Float64Array.from(out);
    addRowDotsPlain(Float64Array.from(a), 8, Float64Array.from(b), 40, len, plain, 50);
    // The views share one WebAssembly memory, so this runs the compiled kernel.
    expect(a.buffer).toBe(out.buffer);
    addRowDots(a, 8, b, 40, len, out, 50);
    expect([...out]).toEqual([...plain]);
  });

  it('refuses shapes the kernel cannot tile and operands too short', () => {
    const [a, b, out] = scratchArrays([16, 16, 16]);
    expect(() => addRowDots(a, 3, b, 2, 2, out, 2)).toThrow(/bad shape/);
    expect(() => addRowDots(a, 4, b, 2, 3, out, 2)).toThrow(/bad shape/);
    expect(() => addRowDots(a, 4, b, 2, 8, out, 2)).toThrow(/too short/);
  });
});
