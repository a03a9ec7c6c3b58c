import { describe, expect, it } from 'vitest';
import { count } from '../../src/throttle-probe/events.ts';
import { judgeWindowLimit, judgeWindowRate } from '../../src/throttle-probe/tolerance.ts';
import { estimateWindow, windowBurstCount } from '../../src/throttle-probe/window-estimate.ts';
import {
  MAX_PROBE_WINDOW_MS,
  recoveryPollMs,
  windowBurstProbe,
  windowRateProbe,
  windowRecoveryMs,
  windowRecoveryProbe,
  windowTooLong,
  type WindowModel,
} from '../../src/throttle-probe/window-schedule.ts';
import { rng } from '../helpers/random.ts';
import { fixedWindow, simulatePhases, slidingCounter, slidingLog, tokenBucket, unlimited, type SimLimiter, type SimNoise } from './simulate-window.ts';

const WINDOWS: WindowModel[] = [
  { limit: 10, windowMs: 1000, kind: 'fixed' },
  { limit: 10, windowMs: 1000, kind: 'sliding' },
  { limit: 100, windowMs: 1000, kind: 'fixed' },
  { limit: 100, windowMs: 1000, kind: 'sliding' },
  { limit: 2, windowMs: 1000, kind: 'fixed' },
  { limit: 3, windowMs: 1000, kind: 'sliding' },
  { limit: 5, windowMs: 2000, kind: 'fixed' },
  { limit: 40, windowMs: 10_000, kind: 'sliding' },
];

/** Every implementation of a window of `limit` per `w.windowMs` of the declared kind, edges at `offset`. */
function implementations(w: WindowModel, limit: number, offset: number): { name: string; make: () => SimLimiter }[] {
  if (w.kind === 'fixed') return [{ name: 'fixed window', make: () => fixedWindow(limit, w.windowMs, offset) }];
  return [
    { name: 'sliding log', make: () => slidingLog(limit, w.windowMs) },
    { name: 'sliding counter counting refused requests (HAProxy http_req_rate)', make: () => slidingCounter(limit, w.windowMs, offset, true) },
    { name: 'sliding counter counting passed requests', make: () => slidingCounter(limit, w.windowMs, offset, false) },
  ];
}

/** A loaded machine: 2-40 ms round trips, bursts spread over up to 60 ms, up to 8 ms of jitter on paced sends. */
function noisy(seed: number): SimNoise & { offset: (windowMs: number) => number } {
  const random = rng(seed * 7919);
  return { rttMs: 2 + 38 * random(), burstSpreadMs: 2 + 58 * random(), jitterMs: 8 * random(), seed, offset: (windowMs) => Math.floor(random() * windowMs) };
}

/** Limits of a few requests are judged with one request of slack, within which 50% off is not visible. */
const DISTINGUISHABLE = WINDOWS.filter((w) => w.limit >= 5);

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const label = (w: WindowModel): string => `${w.limit} per ${w.windowMs} ms (${w.kind})`;

describe('throttle.burst on windows (simulated limiters, noisy timelines)', () => {
  for (const w of WINDOWS) {
    it(`a correct ${label(w)} passes, every implementation, wherever its edges fall`, () => {
      for (const seed of SEEDS) {
        const n = noisy(seed);
        for (const impl of implementations(w, w.limit, n.offset(w.windowMs))) {
          const result = windowBurstCount(simulatePhases(impl.make(), windowBurstProbe(w).phases, n), w.kind);
          expect(result.drained, `${impl.name} seed ${seed}`).toBe(true);
          expect(judgeWindowLimit(result.accepted, w.limit, 0.3, 'accepted').ok, `${impl.name} seed ${seed}: ${result.accepted}`).toBe(true);
        }
      }
    });

    if (DISTINGUISHABLE.includes(w))
      it(`a ${label(w)} whose limit is 50% off, or no limiter, fails`, () => {
        for (const seed of SEEDS.slice(0, 4)) {
          const n = noisy(seed);
          for (const factor of [0.5, 1.5]) {
            const actual = Math.round(w.limit * factor);
            for (const impl of implementations(w, actual, n.offset(w.windowMs))) {
              const result = windowBurstCount(simulatePhases(impl.make(), windowBurstProbe(w).phases, n), w.kind);
              expect(judgeWindowLimit(result.accepted, w.limit, 0.3, 'accepted').ok, `${impl.name} ×${factor} seed ${seed}: ${result.accepted}`).toBe(false);
            }
          }
          const none = windowBurstCount(simulatePhases(unlimited, windowBurstProbe(w).phases, n), w.kind);
          expect(none.drained && judgeWindowLimit(none.accepted, w.limit, 0.3, 'accepted').ok).toBe(false);
        }
      });
  }
});

describe('throttle.rate on windows: the estimator sees the model', () => {
  for (const w of WINDOWS) {
    it(`a correct ${label(w)} passes: nothing refused below the limit, runs of about the limit above it`, () => {
      for (const seed of SEEDS) {
        const n = noisy(seed);
        for (const impl of implementations(w, w.limit, n.offset(w.windowMs))) {
          const events = simulatePhases(impl.make(), windowRateProbe(w).phases, n);
          const under = events.filter((e) => e.phase === 'under');
          expect(count(under, 'throttled'), `${impl.name} seed ${seed}: under`).toBe(0);
          const estimate = estimateWindow(events, 'over');
          const judged = judgeWindowRate(w, estimate, 0.3);
          expect(
            judged.filter((j) => !j.ok).map((j) => j.text),
            `${impl.name} seed ${seed}`,
          ).toEqual([]);
          if (w.kind === 'fixed') expect(estimate.pattern).toBe('windowed');
        }
      }
    });

    if (DISTINGUISHABLE.includes(w))
      it(`a ${label(w)} whose limit is 50% off, or no limiter, fails`, () => {
        for (const seed of SEEDS.slice(0, 4)) {
          const n = noisy(seed);
          for (const factor of [0.5, 1.5]) {
            const actual = Math.round(w.limit * factor);
            for (const impl of implementations(w, actual, n.offset(w.windowMs))) {
              const estimate = estimateWindow(simulatePhases(impl.make(), windowRateProbe(w).phases, n), 'over');
              expect(
                judgeWindowRate(w, estimate, 0.3).every((j) => j.ok),
                `${impl.name} ×${factor} seed ${seed}`,
              ).toBe(false);
            }
          }
          expect(estimateWindow(simulatePhases(unlimited, windowRateProbe(w).phases, n), 'over').pattern).toBe('unthrottled');
        }
      });
  }

  it('tells a token bucket from the fixed window it was declared as (steady refill, not runs per window)', () => {
    const w: WindowModel = { limit: 10, windowMs: 1000, kind: 'fixed' };
    for (const seed of SEEDS.slice(0, 4)) {
      const estimate = estimateWindow(simulatePhases(tokenBucket(10, 10), windowRateProbe(w).phases, noisy(seed)), 'over');
      expect(estimate.pattern).toBe('steady');
      expect(judgeWindowRate(w, estimate, 0.3).every((j) => j.ok)).toBe(false);
    }
  });

  it('reports the window length a fixed window resets at', () => {
    const w: WindowModel = { limit: 10, windowMs: 1000, kind: 'fixed' };
    const estimate = estimateWindow(simulatePhases(fixedWindow(10, 1000, 300), windowRateProbe(w).phases, { rttMs: 2 }), 'over');
    expect(estimate.windowMs).toBeGreaterThan(950);
    expect(estimate.windowMs).toBeLessThan(1050);
    expect(estimate.perWindow).toBe(10);
  });
});

describe('throttle.recovery on windows: the bound holds for every implementation', () => {
  for (const w of WINDOWS) {
    it(`${label(w)}: the first success after draining comes within the allowed time, and a refilled window takes half the limit`, () => {
      for (const seed of SEEDS) {
        const n = noisy(seed);
        for (const impl of implementations(w, w.limit, n.offset(w.windowMs))) {
          const events = simulatePhases(impl.make(), windowRecoveryProbe(w, 0.3).phases, n);
          const lastThrottle = Math.max(...events.filter((e) => e.phase === 'burst' && e.outcome === 'throttled').map((e) => e.doneAt));
          const firstOk = events.find((e) => e.phase === 'poll' && e.outcome === 'accepted');
          expect(firstOk, `${impl.name} seed ${seed}`).toBeDefined();
          const allowed = windowRecoveryMs(w, 0.3) + recoveryPollMs(w) + (n.rttMs ?? 0) + 50;
          expect(firstOk!.sentAt - lastThrottle, `${impl.name} seed ${seed}`).toBeLessThanOrEqual(allowed);
          const refill = events.filter((e) => e.phase === 'refill');
          expect(count(refill, 'accepted'), `${impl.name} seed ${seed}`).toBe(refill.length);
        }
      }
    });
  }
});

describe('window probe bounds', () => {
  it('bound every plan in requests and time, and leave windows beyond the probe bound out', () => {
    for (const w of WINDOWS) {
      for (const plan of [windowBurstProbe(w), windowRateProbe(w), windowRecoveryProbe(w, 0.3)]) {
        expect(plan.requests).toBeLessThanOrEqual(8 * w.limit + 200);
        expect(plan.maxMs).toBeLessThanOrEqual(6 * w.windowMs + 2000);
      }
    }
    expect(windowTooLong({ limit: 10, window: '10s', kind: 'sliding' })).toBeUndefined();
    expect(windowTooLong({ limit: 1000, window: '1m', kind: 'fixed' })).toMatch(/1m window .* up to 10s/);
    expect(MAX_PROBE_WINDOW_MS).toBe(10_000);
  });
});
