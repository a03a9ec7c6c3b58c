/**
 * The shapes of the throttle probes (pure): which phases, how many requests, how fast. Every probe is bounded
 * to `budget(limits)` = burst + 3 × rate requests and a few seconds.
 */
export interface Limits {
  rate: number;
  burst: number;
}

export type Phase =
  /** `count` requests at once (as concurrent as the client allows); sent again up to `repeat` times while none was refused. */
  | { name: string; kind: 'burst'; count: number; repeat?: number }
  /** Requests paced evenly at `rate`/s for `durationMs`. */
  | { name: string; kind: 'stream'; rate: number; durationMs: number }
  /** One request at a time, every `intervalMs`, until one is accepted or `maxMs` have passed. */
  | { name: string; kind: 'poll'; intervalMs: number; maxMs: number }
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
export const burstExtra = (l: Limits): number => Math.max(2, Math.min(Math.ceil(0.6 * l.burst) + 2, Math.floor(1.5 * l.rate)));

/**
 * A burst that surely drains the bucket, even one 50% larger than declared (isolation, recovery, coverage).
 * On a stalled gateway (a loaded 2-core machine: load average 9 was seen) a burst's requests may be admitted
 * over hundreds of milliseconds while tokens come back: while none of it was refused it is sent again, right
 * away, onto the emptied bucket, up to three more times. A gateway that refuses nothing of four bursts in a
 * row has no limiter worth the name; a correct one refuses part of the first, and no more are sent.
 */
export function drainProbe(l: Limits): ProbePlan {
  return finish([{ name: 'burst', kind: 'burst', count: l.burst + burstExtra(l), repeat: 3 }]);
}

/** Requests a coverage probe sends to each further operation of a drained bucket: more than 250 ms of refill. */
export const followUpCount = (l: Limits): number => 2 + Math.ceil(0.25 * l.rate);

/**
 * throttle.recovery on a token bucket: drain it, poll every quarter token until a request passes (bounded),
 * wait the time the whole bucket takes to refill (with the tolerance), then half a bucket at once.
 */
export function recoveryProbe(l: Limits, tolerance: number) {
  const tokenMs = 1000 / l.rate;
  const drain = drainProbe(l);
  const poll = { intervalMs: Math.min(50, Math.max(2, tokenMs / 4)), maxRequests: Math.max(20, Math.ceil(2 * l.rate)), timeLimitMs: 10 * tokenMs + 2000 };
  const refillWaitMs = ((l.burst * 1000) / l.rate) * (1 + tolerance) + 50;
  const half = Math.max(1, Math.ceil(l.burst / 2));
  return { drain, tokenMs, poll, refillWaitMs, half, requests: drain.requests + poll.maxRequests + half, maxMs: poll.timeLimitMs + refillWaitMs };
}

function finish(phases: Phase[]): ProbePlan {
  return { phases, drainPhases: ['burst', 'stream'], fitPhases: ['stream'], requests: phaseRequests(phases) };
}

/** Upper bound of the requests some phases send. */
export const phaseRequests = (phases: readonly Phase[]): number => phases.reduce((n, p) => n + requestsOf(p), 0);

function requestsOf(p: Phase): number {
  if (p.kind === 'burst') return p.count * (1 + (p.repeat ?? 0));
  if (p.kind === 'stream') return streamRequests(p.rate, p.durationMs);
  if (p.kind === 'poll') return Math.ceil(p.maxMs / p.intervalMs) + 1;
  return 0;
}

/** Upper bound of the time some phases take (ms), answers aside. */
export const phaseMs = (phases: readonly Phase[]): number =>
  phases.reduce((n, p) => n + (p.kind === 'stream' ? p.durationMs : p.kind === 'poll' ? p.maxMs : p.kind === 'pause' ? p.ms : 0), 0);
