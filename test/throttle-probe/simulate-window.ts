import type { ProbeEvent } from '../../src/throttle-probe/events.ts';
import type { Phase } from '../../src/throttle-probe/schedule.ts';
import { rng } from '../helpers/random.ts';

/** A simulated gateway limiter deciding at arrival time `t` (ms). */
export interface SimLimiter {
  admit(t: number): boolean;
}

/** Kong: calendar windows (edges at offset + k·W), counting passed requests only. */
export const fixedWindow = (limit: number, windowMs: number, offsetMs: number): SimLimiter => {
  let current = Number.NaN;
  let count = 0;
  return {
    admit(t) {
      const w = Math.floor((t - offsetMs) / windowMs);
      if (w !== current) [current, count] = [w, 0];
      if (count >= limit) return false;
      count += 1;
      return true;
    },
  };
};

/** An exact sliding log: at most `limit` passed in any window. */
export const slidingLog = (limit: number, windowMs: number): SimLimiter => {
  const passed: number[] = [];
  return {
    admit(t) {
      while (passed.length && passed[0]! <= t - windowMs) passed.shift();
      if (passed.length >= limit) return false;
      passed.push(t);
      return true;
    },
  };
};

/**
 * HAProxy's stick-table rate (freq_ctr): the current period's count plus the previous period's, weighed by
 * the part of the window it still covers; periods aligned at offset + k·W. With `countRefused` every request
 * is counted (`http-request track-sc0` before the deny rule), else only those that pass.
 */
export const slidingCounter = (limit: number, windowMs: number, offsetMs: number, countRefused: boolean): SimLimiter => {
  let period = Number.NaN;
  let curr = 0;
  let prev = 0;
  return {
    admit(t) {
      const p = Math.floor((t - offsetMs) / windowMs);
      if (p !== period) {
        prev = p === period + 1 ? curr : 0;
        curr = 0;
        period = p;
      }
      const frac = (t - offsetMs - p * windowMs) / windowMs;
      const rate = (extra: number): number => curr + extra + prev * (1 - frac);
      if (countRefused) {
        curr += 1;
        return rate(0) <= limit;
      }
      if (rate(1) > limit) return false;
      curr += 1;
      return true;
    },
  };
};

/** A token bucket (for model mismatches: a bucket where a window was declared). */
export const tokenBucket = (rate: number, burst: number): SimLimiter => {
  let tokens = burst;
  let last = 0;
  return {
    admit(t) {
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
};

export const unlimited: SimLimiter = { admit: () => true };

export interface SimNoise {
  /** Round trip (ms). */
  rttMs?: number;
  /** A burst's requests reach the gateway spread over this long (ms). */
  burstSpreadMs?: number;
  /** Uniform random delay added to each streamed arrival (ms). */
  jitterMs?: number;
  seed?: number;
}

/**
 * A probe's phases against a simulated limiter, in virtual time, as the driver runs them: bursts (sent again
 * while none was refused, up to `repeat`), paced streams, polls that stop at the first accepted answer,
 * pauses. Starts at `startMs` (a random offset against the limiter's window edges).
 */
export function simulatePhases(limiter: SimLimiter, phases: readonly Phase[], noise: SimNoise = {}, startMs = 1000): ProbeEvent[] {
  const random = rng(noise.seed ?? 1);
  const rtt = noise.rttMs ?? 2;
  const spread = noise.burstSpreadMs ?? 2;
  const events: ProbeEvent[] = [];
  const answer = (phase: string, sentAt: number): ProbeEvent => {
    const ok = limiter.admit(sentAt + rtt / 2);
    const event: ProbeEvent = {
      phase,
      sentAt,
      doneAt: sentAt + rtt,
      status: ok ? 200 : 429,
      outcome: ok ? 'accepted' : 'throttled',
      ...(ok ? {} : { signatureProblems: [] }),
    };
    events.push(event);
    return event;
  };
  let clock = startMs;
  for (const p of phases) {
    if (p.kind === 'pause') clock += p.ms;
    else if (p.kind === 'burst') {
      for (let round = 0; round <= (p.repeat ?? 0); round++) {
        const answered = Array.from({ length: p.count }, (_, i) => answer(p.name, clock + (spread * i) / p.count));
        clock += spread + rtt;
        if (answered.some((e) => e.outcome !== 'accepted')) break;
      }
    } else if (p.kind === 'poll') {
      const end = clock + p.maxMs;
      while (clock < end) {
        const e = answer(p.name, clock);
        clock += Math.max(p.intervalMs, rtt);
        if (e.outcome === 'accepted') break;
      }
    } else {
      const n = Math.floor((p.rate * p.durationMs) / 1000) + 1;
      const sends = Array.from({ length: n }, (_, i) => clock + (i * 1000) / p.rate + random() * (noise.jitterMs ?? 0)).sort((a, b) => a - b);
      for (const t of sends) answer(p.name, t);
      clock += p.durationMs + rtt;
    }
  }
  return events;
}
