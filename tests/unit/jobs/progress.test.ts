import { describe, expect, it } from 'vitest';
import { PhasePlan } from '../../../src/main/jobs/job-context';
import { ProgressMeter } from '../../../src/main/jobs/progress-meter';

describe('phase plan', () => {
  it('maps phase progress onto one overall fraction by weight', () => {
    const plan = new PhasePlan([
      ['import', 1],
      ['train', 3],
    ]);
    expect(plan.fraction('import', 0, 10)).toBe(0);
    expect(plan.fraction('import', 10, 10)).toBe(0.25);
    expect(plan.fraction('train', 1, 2)).toBe(0.25 + 0.75 / 2);
    expect(plan.fraction('train', 5, 2)).toBe(1); // clamped
  });
});

describe('progress meter', () => {
  it('computes rate and ETA per phase and throttles to the given rate', () => {
    let now = 0;
    const meter = new ProgressMeter(7, 5, () => now);
    expect(meter.update('train', 0, 100, 0)).toMatchObject({ jobId: 7, rate: 0, etaSeconds: null });
    now = 100; // 100 ms later: inside the 200 ms throttle window
    expect(meter.update('train', 10, 100, 0.1)).toBeNull();
    now = 1000; // 1 s after the phase began: 40 items/s, 60 left → 1.5 s
    expect(meter.update('train', 40, 100, 0.4)).toEqual({
      jobId: 7,
      phase: 'train',
      done: 40,
      total: 100,
      rate: 40,
      etaSeconds: 1.5,
      fraction: 0.4,
    });
    now = 1010; // a new phase always passes the throttle and restarts the rate
    expect(meter.update('export', 0, 5, 0.9)).toMatchObject({ phase: 'export', rate: 0 });
    now = 1020; // completion always passes too
    expect(meter.update('export', 5, 5, 1)).toMatchObject({ done: 5, total: 5 });
  });
});
