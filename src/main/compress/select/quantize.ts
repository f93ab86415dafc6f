/**
 * Compact storage of probability trajectories: 16-bit fixed point over [0, 1].
 *
 * Why not float16: probabilities live in [0, 1], and float16 spends its bits on exponents that
 * range far outside it; near 1 its spacing is 2^-11, a worst-case error of 2.4e-4. Fixed point
 * with 65535 steps has a uniform absolute error ≤ 0.5/65535 ≈ 7.6e-6 (plus float32's own rounding
 * on decode, < 7.7e-6 in all) at the same 2 bytes, and EL2N/AUM sum such values over epochs.
 */
const STEPS = 65535;

export function encodeUnitU16(values: Float32Array, out?: Uint16Array): Uint16Array {
  const codes = out ?? new Uint16Array(values.length);
  if (codes.length !== values.length)
    throw new Error(`output holds ${codes.length} codes for ${values.length} values`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    // A NaN would be stored as 0, a plausible probability: refuse instead of hiding a training bug.
    if (Number.isNaN(v)) throw new Error(`value ${i} is NaN`);
    // Clamped: softmax output can overshoot [0, 1] by rounding; that is not worth an error.
    codes[i] = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * STEPS);
  }
  return codes;
}

export function decodeUnitU16(codes: Uint16Array, out?: Float32Array): Float32Array {
  const values = out ?? new Float32Array(codes.length);
  if (values.length !== codes.length)
    throw new Error(`output holds ${values.length} values for ${codes.length} codes`);
  for (let i = 0; i < codes.length; i++) values[i] = (codes[i] as number) / STEPS;
  return values;
}
