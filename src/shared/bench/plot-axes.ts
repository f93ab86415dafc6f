/**
 * The numbers along a plot's axes, for the layout (./plot-layout.ts): nice steps, linear and log
 * ticks, log domains and compact labels; and round2, the rounding every coordinate gets.
 */

/** Rounds to 0.01 so the output is compact and stable. */
export function round2(value: number): number {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** Removes float noise: 0.1 × 3 → 0.3. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The smallest of 1, 2, 5 × 10ⁿ at or above `raw` (1 for anything not positive). */
export function niceStep(raw: number): number {
  if (!Number.isFinite(raw) || raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= raw * (1 - 1e-9)) return clean(m * power);
  }
  return clean(10 * power);
}

/**
 * Linear ticks covering [lo, hi] in about `count` nice steps: the domain grows outwards to the
 * nearest multiples of the step (then is clipped to `bounds`).
 */
export function linearTicks(
  lo: number,
  hi: number,
  count = 5,
  bounds?: [number, number],
): { domain: [number, number]; step: number; ticks: number[] } {
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (a === b) {
    const half = a === 0 ? 1 : Math.abs(a) * 0.05;
    a -= half;
    b += half;
  }
  const step = niceStep((b - a) / Math.max(1, count));
  let from = clean(Math.floor(a / step + 1e-9) * step);
  let to = clean(Math.ceil(b / step - 1e-9) * step);
  if (bounds) {
    from = Math.max(from, bounds[0]);
    to = Math.min(to, bounds[1]);
  }
  const ticks: number[] = [];
  for (let k = Math.ceil(from / step - 1e-9); k * step <= to + step * 1e-9; k++) ticks.push(clean(k * step));
  return { domain: [from, to], step, ticks };
}

/** Decimals that show a step of `step` exactly: 10 → 0, 0.5 → 1, 0.25 → 2. */
export function decimalsFor(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/** Compact numbers for a log axis: 1, 20, 500, 1k, 20k, 5M, 0.5. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (abs >= size) return `${clean(value / size)}${suffix}`;
  }
  return String(clean(value));
}

/**
 * A log domain around [lo, hi] with `pad` of the span (at least one decade) on each side, so the
 * extreme points do not sit on the frame. One value v gives [v/√10, v·√10].
 */
export function logDomain(lo: number, hi: number, pad = 0.06): [number, number] {
  if (!(lo > 0) || !(hi > 0)) return [1, 10];
  const a = Math.log10(Math.min(lo, hi));
  const b = Math.log10(Math.max(lo, hi));
  if (a === b) return [clean(10 ** (a - 0.5)), clean(10 ** (a + 0.5))];
  const p = Math.max(b - a, 1) * pad;
  return [clean(10 ** (a - p)), clean(10 ** (b + p))];
}

export interface LogTick {
  value: number;
  major: boolean;
  labelled: boolean;
}

/**
 * Ticks of a log axis over [lo, hi]: majors at the powers of ten, minors at 2…9 × 10ⁿ. Labels:
 * over more than 2.5 decades only the powers of ten (every other one past 8 of them); over 1 to
 * 2.5 decades also 2 and 5 × 10ⁿ; within one decade also 3 × 10ⁿ. Minor ticks are left out
 * past 6 decades. When fewer than two ticks would be labelled, every tick in range is.
 */
export function logTicks(lo: number, hi: number): LogTick[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const decades = Math.log10(hi / lo);
  const labelledMantissas = decades <= 1 ? [1, 2, 3, 5] : decades <= 2.5 ? [1, 2, 5] : [1];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const majorsInRange: number[] = [];
  for (let k = first; k <= last; k++) {
    const v = clean(10 ** k);
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) majorsInRange.push(k);
  }
  const every = majorsInRange.length > 8 ? Math.ceil(majorsInRange.length / 8) : 1;
  const ticks: LogTick[] = [];
  for (let k = first; k <= last; k++) {
    for (let m = 1; m <= 9; m++) {
      const value = clean(m * 10 ** k);
      if (value < lo * (1 - 1e-9) || value > hi * (1 + 1e-9)) continue;
      const major = m === 1;
      if (!major && decades > 6) continue;
      const labelled = major ? k % every === 0 : labelledMantissas.includes(m);
      ticks.push({ value, major, labelled });
    }
  }
  if (ticks.filter((t) => t.labelled).length < 2) for (const t of ticks) t.labelled = true;
  return ticks;
}
