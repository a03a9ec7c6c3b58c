import { describe, expect, it } from 'vitest';
import { estimateLimits } from '../../src/throttle-probe/estimate.ts';
import { budget, burstProbe, rateProbe, type Limits, type ProbePlan } from '../../src/throttle-probe/schedule.ts';
import { judgeBurst, judgeRate } from '../../src/throttle-probe/tolerance.ts';
import { simulate, type Noise } from './simulate.ts';

const LIMITS: Limits[] = [
  { rate: 10, burst: 5 },
  { rate: 20, burst: 10 },
  { rate: 50, burst: 20 },
  { rate: 100, burst: 50 },
  { rate: 500, burst: 200 },
];

const estimate = (declared: Limits, actual: Limits, make: (l: Limits) => ProbePlan, noise: Noise = {}) => {
  const plan = make(declared);
  return estimateLimits({ events: simulate(actual, plan.phases, noise), drainPhases: plan.drainPhases, fitPhases: plan.fitPhases });
};

const rel = (v: number | undefined, d: number): number => Math.abs((v ?? Infinity) - d) / d;

describe('estimateLimits on synthetic timelines', () => {
  for (const l of LIMITS) {
    it(`recovers r=${l.rate} b=${l.burst} within 5% on a clean timeline`, () => {
      for (const make of [rateProbe, burstProbe]) {
        const e = estimate(l, l, make);
        expect(rel(e.rate, l.rate)).toBeLessThan(0.05);
        expect(Math.abs(e.burst! - l.burst)).toBeLessThanOrEqual(Math.max(0.05 * l.burst, 0.6));
      }
    });

    it(`stays within 10% for r=${l.rate} b=${l.burst} with jitter, stalls, a spread burst and a 40 ms round trip`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const e = estimate(l, l, rateProbe, { jitterMs: 4, stallMs: 30, stallEveryMs: 400, burstSpreadMs: 60, rttMs: 40, seed });
        expect(rel(e.rate, l.rate)).toBeLessThan(0.1);
        expect(Math.abs(e.burst! - l.burst)).toBeLessThanOrEqual(Math.max(0.1 * l.burst, 1));
      }
    });
  }

  it('tolerates a best-effort gateway that gets 2% of its decisions wrong', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const l = { rate: 50, burst: 20 };
      const e = estimate(l, l, rateProbe, { flipShare: 0.02, jitterMs: 2, seed });
      expect(judgeRate(e, l.rate, 0.3).ok).toBe(true);
      expect(judgeBurst(e, l.burst, 0.3).ok).toBe(true);
    }
  });

  it('reports lower bounds when nothing is throttled (no-throttle)', () => {
    const l = { rate: 50, burst: 20 };
    const e = estimate(l, { rate: 1e9, burst: 1e9 }, rateProbe);
    expect(e.rate).toBeUndefined();
    expect(e.burst).toBeUndefined();
    expect(e.burstAtLeast).toBeGreaterThan(l.burst * 2);
    expect(e.rateAtLeast).toBeGreaterThan(l.rate * 1.5);
    expect(judgeRate(e, l.rate, 0.3).ok).toBe(false);
    expect(judgeBurst(e, l.burst, 0.3).ok).toBe(false);
  });

  it('gives the stream rate as a lower bound when the stream is never throttled (rate doubled)', () => {
    const l = { rate: 50, burst: 20 };
    const e = estimate(l, { rate: 100, burst: 20 }, rateProbe);
    expect(judgeRate(e, l.rate, 0.3).ok).toBe(false);
  });

  describe('fails every limit 50% or more off the declared one, at the default tolerance (0.3), under noise', () => {
    const noise: Noise = { jitterMs: 4, stallMs: 30, stallEveryMs: 400, burstSpreadMs: 40, rttMs: 20 };
    for (const l of LIMITS) {
      for (const factor of [0.5, 1.5, 2]) {
        it(`rate ×${factor} and burst ×${factor} for r=${l.rate} b=${l.burst}`, () => {
          for (let seed = 1; seed <= 3; seed++) {
            const rateOff = estimate(l, { rate: l.rate * factor, burst: l.burst }, rateProbe, { ...noise, seed });
            expect(judgeRate(rateOff, l.rate, 0.3).ok).toBe(false);
            const burstOff = estimate(l, { rate: l.rate, burst: Math.round(l.burst * factor) }, burstProbe, { ...noise, seed });
            expect(judgeBurst(burstOff, l.burst, 0.3).ok).toBe(false);
          }
        });
      }
    }
  });
});

describe('probe plans', () => {
  for (const l of [...LIMITS, { rate: 1, burst: 1 }, { rate: 10_000, burst: 5_000 }, { rate: 10, burst: 100 }]) {
    it(`stay within burst + 3 × rate requests for r=${l.rate} b=${l.burst}`, () => {
      for (const make of [rateProbe, burstProbe]) expect(make(l).requests).toBeLessThanOrEqual(budget(l));
    });
  }
});
