import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/emulator/buckets.ts';
import { Pacer, tryTakeAll } from '../../src/http/pacer.ts';
import { undeclaredLimits } from '../../src/http/pacing.ts';
import { RateRamp, type RampSettings } from '../../src/http/ramp.ts';

/**
 * The adaptive pace against simulated gateways, in simulated time: `concurrency` workers send as fast as the
 * stage pacer (driven by the ramp, as src/http/stage-http.ts drives it) lets them; the gateway is the local
 * gateway's token bucket (or none) and answers after a latency that may depend on the rate it sees.
 */
interface Gateway {
  /** A token bucket over the whole stage; none: the gateway never throttles. */
  limit?: { rate: number; burst: number };
  /** Latency (ms) of an answer, given the requests/s the gateway saw over the last second. */
  latencyMs: (recentRate: number, t: number) => number;
}

interface Simulation {
  ramp: RateRamp;
  requests: number;
  throttled: number;
  /** Highest stage pacer rate ever set. */
  peakRate: number;
  durationMs: number;
}

function simulate(settings: RampSettings, gateway: Gateway, requests: number, concurrency = 4): Simulation {
  const ramp = new RateRamp(settings, 0);
  const pacer = new Pacer(undeclaredLimits(ramp.rate), 0);
  const bucket = gateway.limit ? new TokenBucket(gateway.limit, 0) : undefined;
  type Event = { t: number; kind: 'ready' } | { t: number; kind: 'answer'; sentAt: number; throttled: boolean; latencyMs: number };
  // Kept in time order (binary insertion): the next event is always the first.
  const events: Event[] = Array.from({ length: concurrency }, () => ({ t: 0, kind: 'ready' as const }));
  const schedule = (event: Event): void => {
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid]!.t <= event.t) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, event);
  };
  const arrivals: number[] = [];
  let sent = 0;
  let throttled = 0;
  let peakRate = ramp.rate;
  let now = 0;
  while (events.length > 0) {
    const event = events.shift()!;
    now = event.t;
    if (event.kind === 'answer') {
      if (ramp.onAnswer(event.sentAt, now, { throttled: event.throttled, latencyMs: event.latencyMs })) {
        pacer.setLimits(undeclaredLimits(ramp.rate), now);
        peakRate = Math.max(peakRate, ramp.rate);
      }
      schedule({ t: now, kind: 'ready' });
      continue;
    }
    if (sent >= requests) continue;
    const wait = tryTakeAll([pacer], now);
    if (wait > 0) {
      schedule({ t: now + Math.max(wait, 0.1), kind: 'ready' }); // a real sleep lasts at least a tick
      continue;
    }
    sent += 1;
    ramp.onSend();
    arrivals.push(now);
    while (arrivals[0]! < now - 1000) arrivals.shift();
    const rejected = bucket ? !(bucket.available(now) >= 1 && (bucket.take(), true)) : false;
    if (rejected) throttled += 1;
    const latencyMs = gateway.latencyMs(arrivals.length, now);
    schedule({ t: now + latencyMs, kind: 'answer', sentAt: now, throttled: rejected, latencyMs });
  }
  return { ramp, requests: sent, throttled, peakRate, durationMs: now };
}

const steady = (ms: number) => () => ms;
const settings: RampSettings = { startRate: 20, share: 0.5 };

describe('adaptive pace (no limit declared)', () => {
  it('finds a 200 r/s stage limit, settles at half of what the gateway took, with under 1% of the requests throttled', () => {
    const run = simulate(settings, { limit: { rate: 200, burst: 100 }, latencyMs: steady(4) }, 7000);
    expect(run.ramp.state).toBe('settled');
    expect(run.ramp.took).toBeGreaterThan(100);
    expect(run.ramp.took).toBeLessThan(200 + 100);
    expect(run.ramp.rate).toBeLessThanOrEqual(0.5 * run.ramp.took! + 0.1);
    expect(run.ramp.rate).toBeGreaterThan(60);
    expect(run.throttled / run.requests).toBeLessThanOrEqual(0.01);
    // Raised from 20 r/s, then one back-off at the 429 (the answers already in flight do not cut again).
    expect(run.ramp.steps[0]).toMatchObject({ rate: 20, why: 'start' });
    expect(run.ramp.steps.filter((s) => s.why.startsWith('429'))).toHaveLength(1);
    // Settled well before the end: the run is not spent looking for the limit.
    expect(run.ramp.steps.at(-1)!.tMs).toBeLessThan(15_000);
  });

  it('keeps raising while a gateway that never throttles keeps up, as far as the concurrency carries', () => {
    const run = simulate(settings, { latencyMs: steady(5) }, 10_000);
    expect(run.throttled).toBe(0);
    expect(run.ramp.state).toBe('ramping');
    // 4 requests in flight at 5 ms each carry 800 r/s; the rate stops growing once the pacer no longer binds.
    expect(run.ramp.rate).toBeGreaterThanOrEqual(400);
    expect(run.ramp.rate).toBeLessThan(2 * 800);
    expect(run.durationMs).toBeLessThan(30_000);
  });

  it('backs off when latency rises (a gateway or backend that queues instead of throttling), without any 429', () => {
    const queueing = (recentRate: number): number => (recentRate > 150 ? 300 : 5);
    const run = simulate(settings, { latencyMs: queueing }, 6000, 64);
    expect(run.throttled).toBe(0);
    expect(run.ramp.state).toBe('settled');
    expect(run.ramp.steps.some((s) => s.why.startsWith('latency rose'))).toBe(true);
    expect(run.ramp.rate).toBeLessThanOrEqual(0.5 * run.ramp.took! + 0.1);
    expect(run.ramp.rate).toBeLessThan(150);
  });

  it('shrugs off a single slow second (one window) but not a lasting rise', () => {
    const hiccup = (_rate: number, t: number): number => (t > 3000 && t < 3900 ? 400 : 5);
    const run = simulate(settings, { latencyMs: hiccup }, 3000, 64);
    expect(run.ramp.steps.some((s) => s.why.startsWith('latency rose'))).toBe(false);
  });

  it('cuts a settled rate that still draws 429s (another client drains the same bucket)', () => {
    // share 1: settling at what the gateway took for a window leaves no margin for the burst it spent.
    const run = simulate({ startRate: 20, share: 1 }, { limit: { rate: 100, burst: 200 }, latencyMs: steady(4) }, 8000);
    expect(run.ramp.state).toBe('settled');
    expect(run.ramp.steps.some((s) => s.why.includes('after settling'))).toBe(true);
    expect(run.ramp.rate).toBeLessThanOrEqual(100);
    expect(run.throttled / run.requests).toBeLessThan(0.02);
  });
});

describe('adaptive pace on a protected stage', () => {
  const protectedSettings: RampSettings = { startRate: 20, share: 0.5, ceiling: 50 };

  it('never goes above pacing.maxRate, even when the gateway could take far more', () => {
    const run = simulate(protectedSettings, { limit: { rate: 10_000, burst: 5000 }, latencyMs: steady(4) }, 3000);
    expect(run.peakRate).toBe(50);
    expect(run.ramp.state).toBe('at-ceiling');
    expect(run.throttled).toBe(0);
  });

  it('backs off at the first 429 below the ceiling', () => {
    const run = simulate(protectedSettings, { limit: { rate: 30, burst: 10 }, latencyMs: steady(4) }, 1500);
    expect(run.peakRate).toBeLessThanOrEqual(50);
    expect(run.ramp.state).toBe('settled');
    expect(run.ramp.rate).toBeLessThanOrEqual(30);
  });

  it('starts at the ceiling when pacing.defaultRate is above it', () => {
    const ramp = new RateRamp({ startRate: 80, share: 0.5, ceiling: 50 }, 0);
    expect(ramp.rate).toBe(50);
    expect(ramp.state).toBe('at-ceiling');
  });
});
