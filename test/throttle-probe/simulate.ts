import type { ProbeEvent } from '../../src/throttle-probe/events.ts';
import type { Limits, Phase } from '../../src/throttle-probe/schedule.ts';
import { rng } from '../helpers/random.ts';

export interface Noise {
  /** Uniform random delay added to each arrival (ms). */
  jitterMs?: number;
  /** Round trip (ms): send time = arrival − rtt/2, answer = arrival + rtt/2. */
  rttMs?: number;
  /** The sender stalls this long every `stallEveryMs` (a loaded event loop): sends bunch up after it. */
  stallMs?: number;
  stallEveryMs?: number;
  /** A burst's requests reach the gateway spread over this long (ms). */
  burstSpreadMs?: number;
  /** Best-effort gateway: this share of decisions is flipped at random. */
  flipShare?: number;
  seed?: number;
}

/**
 * A probe against a simulated token bucket (capacity = burst, refill = rate/s, full at the start): what the
 * driver would record, with the noise of a loaded machine or a distant, best-effort gateway.
 */
export function simulate(actual: Limits, phases: readonly Phase[], noise: Noise = {}): ProbeEvent[] {
  const random = rng(noise.seed ?? 1);
  const rtt = noise.rttMs ?? 1;
  const stall = (t: number): number => {
    if (!noise.stallMs || !noise.stallEveryMs) return t;
    const phase = t % noise.stallEveryMs;
    return phase < noise.stallMs ? t - phase + noise.stallMs : t;
  };
  const arrivals: { phase: string; at: number }[] = [];
  let clock = 1000;
  for (const p of phases) {
    if (p.kind === 'pause') clock += p.ms;
    else if (p.kind === 'burst') {
      for (let i = 0; i < p.count; i++) arrivals.push({ phase: p.name, at: clock + ((noise.burstSpreadMs ?? 2) * i) / p.count });
      clock += (noise.burstSpreadMs ?? 2) + rtt;
    } else if (p.kind === 'poll') {
      throw new Error('token-bucket plans do not poll; window plans run on simulate-window.ts');
    } else {
      const n = Math.floor((p.rate * p.durationMs) / 1000) + 1;
      for (let i = 0; i < n; i++) arrivals.push({ phase: p.name, at: stall(clock + (i * 1000) / p.rate) + random() * (noise.jitterMs ?? 0) });
      clock += p.durationMs + rtt;
    }
  }
  arrivals.sort((a, b) => a.at - b.at);
  let tokens = actual.burst;
  let last = arrivals[0]?.at ?? 0;
  return arrivals.map(({ phase, at }) => {
    tokens = Math.min(actual.burst, tokens + ((at - last) / 1000) * actual.rate);
    last = at;
    let ok = tokens >= 1;
    if (ok) tokens -= 1;
    if (noise.flipShare && random() < noise.flipShare) ok = !ok;
    return {
      phase,
      sentAt: at - rtt / 2,
      doneAt: at + rtt / 2,
      status: ok ? 200 : 429,
      outcome: ok ? 'accepted' : 'throttled',
      ...(ok ? {} : { signatureProblems: [] }),
    };
  });
}
