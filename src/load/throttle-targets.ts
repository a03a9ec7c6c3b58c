import type { BucketLimits, Limits, WindowLimits } from '../config/schema.ts';
import { windowMs } from '../domain/limits.ts';
import { isWindow } from '../gateway/limits.ts';
import { windowRefillMs } from '../throttle-probe/window-schedule.ts';
import type { BurstPhase, PacedPhase, ThrottleTarget } from '../../scenarios/lib/plan-types.ts';

/** Phases and expected shares of the throttle scenario for one operation (pure). */
export interface TargetTiming {
  under: PacedPhase;
  burstPhase: BurstPhase;
  over: PacedPhase;
  recovery: PacedPhase;
  bands: ThrottleTarget['bands'];
  /** End of the last phase (s). */
  endS: number;
  /** Requests the target sends at most (burst warm-ups reach no bucket and are not counted). */
  requests: number;
}

/** Burst VUs first open their connection (a request to an undeclared path, no token), then fire together. */
const BURST_WARMUP_S = 0.5;
/** Time between the burst and the phase above the rate (the burst's requests finish meanwhile). */
const AFTER_BURST_S = 0.5;
/** Arrival-time noise allowed on either side of a share band (plus one sample's worth). */
const SHARE_SLACK = 0.03;
/**
 * How long a burst may take to reach the bucket and still be judged "throttled at all": on a loaded machine
 * (or a real gateway's distributed buckets) a burst's requests are admitted over 100-200 ms, and tokens come
 * back meanwhile. Only when the surplus over the burst outlasts this is the "some 429" threshold set.
 */
const BURST_SPREAD_S = 0.25;
/** The over phase sends at least this many requests, so its share is not a matter of one or two answers. */
const MIN_OVER_REQUESTS = 24;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const clamp01 = (v: number): number => clamp(v, 0, 1);
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Fits the phases of one throttled operation into `durationS` where the limits allow:
 *   under     0 .. U                       paced at half the rate (the bucket stays full)   -> no 429
 *   burst     U + gap, + warm-up            2 * burst + 2 at once                           -> at least ~burst accepted
 *   over      0.5 s after the burst, O      paced at twice the rate                          -> 429 share in a band
 *   recovery  after the refill time, R      paced at half the rate                           -> (almost) no 429
 * The paced phases share what the fixed gaps leave of the duration (1 : 2 : 1), each with a floor, so a very
 * short --duration or a very low rate can make the scenario a little longer than asked. The burst sends
 * twice the burst + 2 (at least 0.375 s worth of the rate more than the burst), capped at `maxBurst`: at
 * least burst * (1 - tolerance) must get through and, when the surplus allows a verdict, not all of it. The
 * burst's upper side is left to the gate's throttle.burst, which estimates it from the timeline; a k6 share
 * cannot tell a larger bucket from tokens refilled while the burst arrives. The over band follows from the
 * declared limits and the tolerance: a gateway whose rate and burst are within the tolerance lands inside,
 * one whose rate is off by 50% or more lands outside (with the default tolerance of 0.3).
 */
export function targetTiming(l: Limits, durationS: number, tolerance: number, maxBurst: number): TargetTiming {
  return isWindow(l) ? windowTiming(l, durationS, tolerance, maxBurst) : bucketTiming(l, durationS, tolerance, maxBurst);
}

function bucketTiming(l: BucketLimits, durationS: number, tolerance: number, maxBurst: number): TargetTiming {
  const gapS = Math.max(0.2, 2 / l.rate);
  const refillS = (l.burst / l.rate) * (1 + tolerance) + 0.3;
  const paced = Math.max(4, durationS - (gapS + BURST_WARMUP_S + AFTER_BURST_S + refillS));
  const O = clamp(0.5 * paced, Math.max(2, MIN_OVER_REQUESTS / (2 * l.rate)), 120);
  const count = Math.min(maxBurst, l.burst + Math.max(l.burst + 2, Math.ceil(BURST_SPREAD_S * 1.5 * l.rate)));
  // Accepted over the over phase for a gateway with these limits: the bucket holds what refilled after the burst.
  const accepted = (rate: number, burst: number): number => Math.min(burst, rate * AFTER_BURST_S) + rate * O;
  return assemble({
    average: l.rate,
    under: clamp(0.25 * paced, 1, 60),
    over: O,
    recovery: clamp(0.25 * paced, 1, 60),
    gapS,
    refillS,
    count,
    burstAllowance: l.burst * (1 - tolerance),
    someThrottled: count - l.burst * (1 + tolerance) > l.rate * BURST_SPREAD_S,
    overAccepted: [accepted(l.rate * (1 - tolerance), l.burst * (1 - tolerance)), accepted(l.rate * (1 + tolerance), l.burst * (1 + tolerance))],
  });
}

/**
 * The same phases for a window limiter (limit L per window W, average rate L/W): the under phase at half
 * the average; the burst (2L + 2) and the recovery phase each after the time the window needs to be fresh
 * again; the over phase at twice the average for at least four windows. Its 429 share lies between what
 * whole windows allow at the tolerance: a fixed window lets up to L(1 + tolerance) through in every calendar
 * window the phase touches and at least L(1 - tolerance) in each it spans whole; a sliding window at most
 * L(1 + tolerance) per window and, when its counter also counts refused requests (HAProxy `http_req_rate`),
 * rightly nothing under a lasting overload, so only its lower bound binds. A gateway that does not limit at
 * all falls below the band. A burst may straddle a fixed window's edge and pass twice the limit: only a
 * sliding window must refuse part of it.
 */
function windowTiming(w: WindowLimits, durationS: number, tolerance: number, maxBurst: number): TargetTiming {
  const windowS = windowMs(w.window) / 1000;
  const average = w.limit / windowS;
  const fresh = windowRefillMs({ limit: w.limit, windowMs: windowS * 1000, kind: w.kind }) / 1000;
  const paced = Math.max(4, durationS - (2 * fresh + BURST_WARMUP_S + AFTER_BURST_S));
  const O = clamp(0.5 * paced, Math.max(4 * windowS, MIN_OVER_REQUESTS / (2 * average)), 240);
  const count = Math.min(maxBurst, 2 * w.limit + 2);
  const windows = O / windowS;
  const most = w.limit * (1 + tolerance) * (w.kind === 'fixed' ? Math.ceil(windows) + 1 : Math.ceil(windows));
  const least = w.kind === 'fixed' ? w.limit * (1 - tolerance) * Math.max(0, Math.floor(windows) - 1) : 0;
  return assemble({
    average,
    under: clamp(0.25 * paced, windowS, 60),
    over: O,
    recovery: clamp(0.25 * paced, windowS, 60),
    gapS: fresh,
    refillS: fresh,
    count,
    burstAllowance: w.limit * (1 - tolerance),
    someThrottled: w.kind === 'sliding' ? count - w.limit * (1 + tolerance) > 1 : count > 2 * w.limit * (1 + tolerance),
    overAccepted: [least, most],
  });
}

/**
 * The phases laid out in time (durations in s: under at half the average rate, `gapS`, the burst with its
 * warm-up, the over phase at twice the average right after it, `refillS`, recovery at half the average), and
 * the bands: the burst's accepted share at least what the limiter must let through, the over phase's 429
 * share between what the least and the most a tolerable limiter accepts leave refused.
 */
function assemble(p: {
  average: number;
  under: number;
  over: number;
  recovery: number;
  gapS: number;
  refillS: number;
  count: number;
  burstAllowance: number;
  someThrottled: boolean;
  overAccepted: [least: number, most: number];
}): TargetTiming {
  const burstStart = p.under + p.gapS;
  const overStart = burstStart + BURST_WARMUP_S + AFTER_BURST_S;
  const recoveryStart = overStart + p.over + p.refillS;
  const under = { startS: 0, durationS: p.under, rate: p.average / 2 };
  const over = { startS: overStart, durationS: p.over, rate: 2 * p.average };
  const recovery = { startS: recoveryStart, durationS: p.recovery, rate: p.average / 2 };
  const offered = over.rate * p.over;
  const perSample = 1 / offered;
  const [least, most] = p.overAccepted;
  return {
    under,
    burstPhase: { startS: burstStart, warmupS: BURST_WARMUP_S, count: p.count },
    over,
    recovery,
    bands: {
      burst: { minAccepted: Math.floor(1000 * clamp01(p.burstAllowance / p.count)) / 1000, someThrottled: p.someThrottled },
      overThrottled: [
        // Never 0: a gateway that does not throttle at all must fail however noisy the band is.
        Math.max(0.001, round3(clamp01(1 - most / offered - SHARE_SLACK - perSample))),
        round3(clamp01(1 - least / offered + SHARE_SLACK + perSample)),
      ],
      recoveryThrottled: 0.05,
    },
    endS: recoveryStart + p.recovery,
    requests: Math.ceil(under.rate * p.under + p.count + over.rate * p.over + recovery.rate * p.recovery) + 4,
  };
}
