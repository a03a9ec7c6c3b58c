import { windowMs, type LimitShape } from '../domain/limits.ts';
import { drainProbe, phaseMs, phaseRequests, refillMs, type Limits, type Phase } from './schedule.ts';

/** A window limiter in the probe's units: at most `limit` requests per `windowMs`. */
export interface WindowModel {
  limit: number;
  windowMs: number;
  kind: 'fixed' | 'sliding';
}

/** What a probe verifies: a token bucket (schedule.ts) or a window. */
export type LimiterModel = Limits | WindowModel;

export const isWindowModel = (model: LimiterModel): model is WindowModel => 'limit' in model;

/** A declared limit (as the config writes it) in the probe's units. */
export const probeModel = (declared: LimitShape): LimiterModel =>
  'limit' in declared ? { limit: declared.limit, windowMs: windowMs(declared.window), kind: declared.kind } : { rate: declared.rate, burst: declared.burst };

/** A probe's phases and its bounds. */
export interface WindowPlan {
  phases: Phase[];
  /** Upper bound of the requests it sends. */
  requests: number;
  /** Upper bound of its duration (ms), answers aside. */
  maxMs: number;
}

/**
 * Longest window the probes handle: a probe waits up to two windows for a fresh limiter before it starts
 * and after it ends, so longer windows would hold the gate for minutes. Checks of longer windows are skipped
 * and say so.
 */
export const MAX_PROBE_WINDOW_MS = 10_000;

/** Why a declared window is too long to probe within that bound, if it is. */
export function windowTooLong(declared: LimitShape): string | undefined {
  if (!('limit' in declared) || windowMs(declared.window) <= MAX_PROBE_WINDOW_MS) return undefined;
  return `a ${declared.window} window takes up to two windows to refill; throttle probes handle windows up to ${MAX_PROBE_WINDOW_MS / 1000}s (declare a shorter window on a test stage)`;
}

/**
 * Time after which a window limiter is surely fresh again: a fixed window starts over at its next edge; a
 * sliding window once the requests that passed have left it, and sliding-window counters (HAProxy stick
 * tables, Kong's advanced plugin, Cloudflare) still weigh the previous period for a window more.
 */
export const windowRefillMs = (w: WindowModel): number => (w.kind === 'fixed' ? 1 : 2) * w.windowMs + 100;

/** The wait that leaves any limiter full (token bucket) or fresh (window). */
export const freshMs = (model: LimiterModel): number => (isWindowModel(model) ? windowRefillMs(model) : refillMs(model));

/** Requests beyond the limit that a limiter 50% larger than declared still refuses. */
export const windowExtra = (w: WindowModel): number => Math.max(2, Math.ceil(0.6 * w.limit) + 2);

/** Polling for a fixed window's edge: about 40 polls per window, 5 to 50 ms apart. */
const edgePollMs = (w: Pick<WindowModel, 'windowMs'>): number => Math.min(50, Math.max(5, w.windowMs / 40));

/**
 * Polling a drained window until it lets a request through. A sliding window is polled with at most half its
 * limit per window: counters that also count refused requests (HAProxy `http_req_rate`) must be able to fall
 * below the limit while they are polled.
 */
export const recoveryPollMs = (w: WindowModel): number => (w.kind === 'fixed' ? edgePollMs(w) : Math.max(5, (2 * w.windowMs) / w.limit));

/**
 * When a drained window lets requests through again, at the latest: a fixed window at its next edge (at most
 * one window away; the tolerance covers clock and scheduling slack); a sliding window once the passed requests
 * leave it (one window), or up to two for counters that weigh the previous period.
 */
export const windowRecoveryMs = (w: WindowModel, tolerance: number): number => (w.kind === 'fixed' ? w.windowMs * (1 + tolerance) : 2 * w.windowMs);

/**
 * A burst that surely drains the window. A fixed window's burst may straddle an edge and pass whole: it is
 * sent once more, right away, when nothing of it was refused.
 */
const drainBurst = (w: WindowModel, name = 'burst'): Phase => ({
  name,
  kind: 'burst',
  count: w.limit + windowExtra(w),
  ...(w.kind === 'fixed' ? { repeat: 1 } : {}),
});

/**
 * Finds a fixed window's edge: drain it ("sync"), then poll until a request passes ("edge"): that request
 * opened a new window, and whatever is sent right after lands in the same window, far from its end.
 */
export const edgePhases = (w: WindowModel): Phase[] => [
  drainBurst(w, 'sync'),
  { name: 'edge', kind: 'poll', intervalMs: edgePollMs(w), maxMs: 1.5 * w.windowMs + 200 },
];

const plan = (phases: Phase[]): WindowPlan => ({ phases, requests: phaseRequests(phases), maxMs: phaseMs(phases) });

/**
 * throttle.burst on a window: limit + N requests at once into a fresh window yield about `limit` accepted.
 * A sliding window is fresh after the refill wait before the probe; a fixed window is caught at its edge
 * first, so the burst cannot straddle one.
 */
export function windowBurstProbe(w: WindowModel): WindowPlan {
  const burst: Phase = { name: 'burst', kind: 'burst', count: w.limit + windowExtra(w) };
  return plan(w.kind === 'fixed' ? [...edgePhases(w), burst] : [burst]);
}

/** The stream above the limit runs at twice the window's average rate; the one below at half. */
export const WINDOW_OVER_FACTOR = 2;
export const WINDOW_UNDER_FACTOR = 0.5;

/**
 * throttle.rate on a window: a window's worth at half the average rate (no refusal may come), then a stream
 * at twice the average rate: the limiter lets runs through (estimated by window-estimate.ts). A fixed window
 * shows at least one whole run between two edges within three windows; a sliding window is measured from
 * fresh (the gap), where every implementation lets exactly its limit through before refusing.
 */
export function windowRateProbe(w: WindowModel): WindowPlan {
  const average = (w.limit * 1000) / w.windowMs;
  return plan([
    { name: 'under', kind: 'stream', rate: WINDOW_UNDER_FACTOR * average, durationMs: w.windowMs },
    ...(w.kind === 'sliding' ? [{ name: 'gap', kind: 'pause', ms: windowRefillMs(w) } as const] : []),
    { name: 'over', kind: 'stream', rate: WINDOW_OVER_FACTOR * average, durationMs: (w.kind === 'fixed' ? 3 : 2) * w.windowMs },
  ]);
}

/**
 * throttle.recovery on a window: drain it, poll until a request passes, wait until the window is surely
 * fresh, then half the limit at once must pass.
 */
export function windowRecoveryProbe(w: WindowModel, tolerance: number): WindowPlan & { half: number } {
  const intervalMs = recoveryPollMs(w);
  const half = Math.max(1, Math.ceil(w.limit / 2));
  return {
    ...plan([
      drainBurst(w),
      { name: 'poll', kind: 'poll', intervalMs, maxMs: windowRecoveryMs(w, tolerance) + intervalMs + 1000 },
      { name: 'wait', kind: 'pause', ms: windowRefillMs(w) },
      { name: 'refill', kind: 'burst', count: half },
    ]),
    half,
  };
}

/** stage.throttle-isolation on a window: a burst that drains it. */
export const windowDrainProbe = (w: WindowModel): WindowPlan => plan([drainBurst(w)]);

/** A window probe stops this long after its planned end at the latest (answers, a stalled machine). */
export const WINDOW_TIME_SLACK_MS = 5000;

/** A burst that drains any limiter (stage.throttle-isolation, throttle.coverage). */
export const drainPlan = (model: LimiterModel): { phases: Phase[]; requests: number } => (isWindowModel(model) ? windowDrainProbe(model) : drainProbe(model));
