import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { decodeUnitU16, encodeUnitU16 } from '../../../../src/main/compress/select/quantize';

describe('16-bit fixed point over [0, 1]', () => {
  it('encodes exact codes and clamps', () => {
    // 0 → 0; 1 → 65535; 0.5·65535 = 32767.5 → 32768; 0.25·65535 = 16383.75 → 16384;
    // −0.2 → 0; 1.7 → 65535
    const codes = encodeUnitU16(new Float32Array([0, 1, 0.5, 0.25, -0.2, 1.7]));
    expect([...codes]).toEqual([0, 65535, 32768, 16384, 0, 65535]);
  });

  it('decodes code / 65535', () => {
    const v = decodeUnitU16(new Uint16Array([0, 65535, 32768]));
    expect(v[0]).toBe(0);
    expect(v[1]).toBe(1);
    expect(v[2]).toBeCloseTo(32768 / 65535, 7); // 0.50000763
  });

  it('round-trips within half a step (0.5 / 65535 ≈ 7.63e-6) plus float32 rounding', () => {
    const rng = createRng(2);
    const values = new Float32Array(10000).map(() => rng());
    const back = decodeUnitU16(encodeUnitU16(values));
    let worst = 0;
    for (let i = 0; i < values.length; i++)
      worst = Math.max(worst, Math.abs((back[i] as number) - (values[i] as number)));
    expect(worst).toBeLessThanOrEqual(7.7e-6);
    // With 10 000 uniform values the worst case comes close to the half step.
    expect(worst).toBeGreaterThan(7e-6);
  });

  it('writes into a given buffer of the right size and refuses NaN', () => {
    const out = new Uint16Array(2);
    expect(encodeUnitU16(new Float32Array([0, 1]), out)).toBe(out);
    expect(() => encodeUnitU16(new Float32Array([0, 1]), new Uint16Array(3))).toThrow(/3 codes/);
    expect(() => decodeUnitU16(new Uint16Array(2), new Float32Array(1))).toThrow(/1 values/);
    expect(() => encodeUnitU16(new Float32Array([0.2, NaN]))).toThrow(/NaN/);
  });
});
