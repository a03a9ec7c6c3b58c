/**
 * The shapes of the throttle probes (pure): which phases, how many requests, how fast. Every probe is bounded
 * to `budget(limits)` = burst + 3 × rate requests and a few seconds.
 */
export interface Limits {
  rate: number;
  burst: number;
}

export type Phase =
  /** `count` requests at once (as concurrent as the client allows). */
  | { name: string; kind: 'burst'; count: number }
  /** Requests paced evenly at `rate`/s for `durationMs`. */
  | { name: string; kind: 'stream'; rate: number; durationMs: number }
  | { name: string; kind: 'pause'; ms: number };

export interface ProbePlan {
  phases: Phase[];
  /** Phases sent from the moment the bucket was full (estimator input). */
  drainPhases: string[];
  /** Paced phases above the rate (estimator fit). */
  fitPhases: string[];
  /** Upper bound of requests the plan sends. */
  requests: number;
}

/** burst + 3 × rate, and never less than burst + 24 (tiny rates need a few seconds of stream to be seen). */
export const budget = (l: Limits): number => Math.max(Math.ceil(l.burst + 3 * l.rate), Math.ceil(l.burst) + 24);

/** Stream length: about a second, longer at low rates so that several tokens come back during it. */
const streamTarget = (l: Limits, ms: number): number => Math.max(ms, Math.ceil(6000 / l.rate));

/** The stream above the rate runs at twice the declared rate: a rate 50% off either way still shows. */
export const OVER_FACTOR = 2;
export const UNDER_FACTOR = 0.5;

const streamRequests = (rate: number, ms: number): number => Math.ceil((rate * ms) / 1000) + 1;

/** Time for an empty bucket to fill, with room for a gateway refilling at half the declared rate. */
export const refillMs = (l: Limits): number => Math.ceil((2 * l.burst * 1000) / l.rate) + 100;

/**
 * throttle.burst: burst + N at once (N = 60% of the burst + 2, so a bucket 50% larger than declared still
 * throttles), then about a second above the rate to measure how fast tokens come back.
 */
export function burstProbe(l: Limits): ProbePlan {
  const extra = burstExtra(l);
  const streamMs = Math.min(streamTarget(l, 1000), Math.floor(((budget(l) - l.burst - extra - 1) * 1000) / (OVER_FACTOR * l.rate)));
  return finish([
    { name: 'burst', kind: 'burst', count: l.burst + extra },
    { name: 'stream', kind: 'stream', rate: OVER_FACTOR * l.rate, durationMs: Math.max(200, streamMs) },
  ]);
}

/**
 * throttle.rate: a second at half the rate (no 429 may come), a short pause so the bucket is full again, a
 * burst that drains it, then the rest of the budget at twice the rate (about half of it throttled).
 */
export function rateProbe(l: Limits): ProbePlan {
  const underMs = 1000;
  const extra = Math.max(2, Math.ceil(0.1 * l.burst));
  const left = budget(l) - l.burst - extra - streamRequests(UNDER_FACTOR * l.rate, underMs) - 1;
  const streamMs = Math.min(streamTarget(l, 1500), Math.floor((left * 1000) / (OVER_FACTOR * l.rate)));
  return finish([
    { name: 'under', kind: 'stream', rate: UNDER_FACTOR * l.rate, durationMs: underMs },
    { name: 'gap', kind: 'pause', ms: Math.min(1000, Math.max(20, Math.ceil(2000 / l.rate))) },
    { name: 'burst', kind: 'burst', count: l.burst + extra },
    { name: 'stream', kind: 'stream', rate: OVER_FACTOR * l.rate, durationMs: Math.max(300, streamMs) },
  ]);
}

/** Requests beyond the declared burst that still throttle a bucket 50% larger than declared. */
const burstExtra = (l: Limits): number => Math.max(2, Math.min(Math.ceil(0.6 * l.burst) + 2, Math.floor(1.5 * l.rate)));

/** A burst that surely drains the bucket, even one 50% larger than declared (isolation, recovery). */
export function drainProbe(l: Limits): ProbePlan {
  return finish([{ name: 'burst', kind: 'burst', count: l.burst + burstExtra(l) }]);
}

function finish(phases: Phase[]): ProbePlan {
  const requests = phases.reduce((n, p) => n + (p.kind === 'burst' ? p.count : p.kind === 'stream' ? streamRequests(p.rate, p.durationMs) : 0), 0);
  return { phases, drainPhases: ['burst', 'stream'], fitPhases: ['stream'], requests };
}
