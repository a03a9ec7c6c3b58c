import type { ProbeEvent } from './events.ts';
import { median, quantile, theilSen } from './stats.ts';

/**
 * Estimates a token bucket's refill rate and capacity from a probe's timeline (pure).
 *
 * The probe fills the bucket (waits the refill time), drains it with a burst, then keeps sending faster than
 * the rate (a paced stream at about twice the declared rate). From the first throttled request of the stream
 * on, the bucket stays near empty, so every token the gateway adds is taken by the next arriving request:
 * the k-th accepted request since the bucket was full (at t0) arrives when
 *
 *     k ≈ burst + rate × (t − t0)          (within half a token: the stream sends every 1/(2·rate) s)
 *
 * The rate is the Theil–Sen slope of k over t on the stream's accepted requests after that first 429, and the
 * burst is the median intercept at t0. Only times of the paced stream enter the fit: burst requests arrive in
 * a crowd whose individual times a client cannot observe well, but their count is exact. Stalls of a loaded
 * machine shift whole groups of points together, which a median-based fit ignores.
 */
export interface EstimateInput {
  events: readonly ProbeEvent[];
  /** Phases sent from the moment the bucket was full, in order (e.g. ["burst", "stream"]). */
  drainPhases: readonly string[];
  /** Paced phases whose send times are trusted for the fit (e.g. ["stream"]). */
  fitPhases: readonly string[];
}

export interface LimitEstimate {
  /** Refill rate (requests/s), when the bucket was seen empty long enough to measure it. */
  rate?: number;
  /** Bucket capacity (requests). */
  burst?: number;
  /** The gateway never throttled the stream: its rate is at least the stream's accepted rate. */
  rateAtLeast?: number;
  /** The gateway never throttled at all: its burst is at least every request sent. */
  burstAtLeast?: number;
  /** Requests that entered the fit. */
  fitted: number;
  /** Time (ms) the drain started: the bucket was full then. */
  t0?: number;
  /** How well the timeline pins the estimate down (see quality.ts). */
  timing?: TimingSpread;
  notes: string[];
}

/** Timing uncertainties of a probe, in ms and tokens. */
interface TimingSpread {
  /** Between writing the burst and its first answer: where exactly the drain started is unknown within it. */
  drainWindowMs: number;
  /** Interquartile range of the stream's 429 round trips (queueing on either side shows here). */
  rttSpreadMs: number;
  /** Median absolute deviation of the fitted points from the fitted line, in tokens. */
  residualTokens: number;
}

/** Fewer points than this after the first 429 do not give a rate. */
const MIN_FIT_POINTS = 4;

export function estimateLimits(input: EstimateInput): LimitEstimate {
  const drain = input.events.filter((e) => input.drainPhases.includes(e.phase) && e.outcome !== 'error').sort((a, b) => a.sentAt - b.sentAt);
  const notes: string[] = [];
  if (drain.length === 0) return { fitted: 0, notes: ['no responses to estimate from'] };
  const owd = oneWayDelay(drain.filter((e) => input.fitPhases.includes(e.phase)));
  const t0 = drainStart(drain);
  const window = drainWindow(drain);
  const rtts = drain.filter((e) => input.fitPhases.includes(e.phase) && e.outcome === 'throttled').map((e) => e.doneAt - e.sentAt);
  const rttSpreadMs = rtts.length >= 4 ? quantile(rtts, 0.75)! - quantile(rtts, 0.25)! : 0;
  const accepted = drain.filter((e) => e.outcome === 'accepted').length;
  if (!drain.some((e) => e.outcome === 'throttled')) {
    const stream = drain.filter((e) => input.fitPhases.includes(e.phase));
    return { burstAtLeast: accepted, rateAtLeast: acceptedRate(stream), fitted: 0, t0, notes: ['no request was throttled'] };
  }

  // k: accepted requests since t0, counted in send order (burst requests all precede the stream's).
  const points: { t: number; k: number }[] = [];
  let k = 0;
  let streamThrottled = false;
  for (const e of drain) {
    if (e.outcome === 'accepted') k += 1;
    const fit = input.fitPhases.includes(e.phase);
    if (fit && e.outcome === 'throttled') streamThrottled = true;
    else if (fit && streamThrottled && e.outcome === 'accepted') points.push({ t: (e.sentAt + owd - t0) / 1000, k });
  }
  if (!streamThrottled || points.length < MIN_FIT_POINTS) {
    const stream = drain.filter((e) => input.fitPhases.includes(e.phase));
    const firstThrottle = drain.findIndex((e) => e.outcome === 'throttled');
    const beforeThrottle = drain.slice(0, firstThrottle).filter((e) => e.outcome === 'accepted').length;
    notes.push(streamThrottled ? `only ${points.length} accepted requests after the bucket emptied` : 'the paced phase was never throttled');
    return { rateAtLeast: acceptedRate(stream), burst: beforeThrottle, fitted: points.length, t0, notes };
  }
  const rate = theilSen(
    points.map((p) => p.t),
    points.map((p) => p.k),
  );
  if (rate === undefined || !(rate > 0)) return { fitted: points.length, t0, notes: ['the accepted requests do not rise over time'] };
  // Each accepted request found between 1 and 1.5 tokens (the stream sends every half token): +0.25 on average.
  const intercepts = points.map((p) => p.k - rate * p.t);
  const burst = median(intercepts)! + 0.25;
  const residualTokens = median(intercepts.map((v) => Math.abs(v - burst + 0.25)))!;
  return { rate, burst: Math.max(0, burst), fitted: points.length, t0, timing: { drainWindowMs: window, rttSpreadMs, residualTokens }, notes };
}

/**
 * When the full bucket started to drain. A burst's requests are written together (on connections opened
 * beforehand), so the gateway's first decision comes after that send time and before the first answer is
 * back; on a busy gateway (or client) that window can be tens of milliseconds wide, and its midpoint is the
 * estimate (with a symmetric network path, exact for an idle gateway).
 */
function drainStart(drain: readonly ProbeEvent[]): number {
  const first = drain.filter((e) => e.phase === drain[0]!.phase);
  const sent = Math.min(...first.map((e) => e.sentAt));
  return sent + drainWindow(drain) / 2;
}

function drainWindow(drain: readonly ProbeEvent[]): number {
  const first = drain.filter((e) => e.phase === drain[0]!.phase);
  return Math.min(...first.map((e) => e.doneAt)) - Math.min(...first.map((e) => e.sentAt));
}

/** Half the round trip of throttled answers (the gateway's fastest path): send time + this = arrival time. */
function oneWayDelay(stream: readonly ProbeEvent[]): number {
  return median(stream.filter((e) => e.outcome === 'throttled').map((e) => (e.doneAt - e.sentAt) / 2)) ?? 0;
}

/** Accepted requests per second over a phase (a lower bound of the gateway's rate when it never throttled). */
function acceptedRate(events: readonly ProbeEvent[]): number | undefined {
  if (events.length < 2) return undefined;
  const span = (events[events.length - 1]!.sentAt - events[0]!.sentAt) / 1000;
  const accepted = events.filter((e) => e.outcome === 'accepted').length;
  return span > 0 ? (accepted - 1) / span : undefined;
}
