import type { Limits } from '../config/schema.ts';
import type { PacedPhase, ThrottleTarget } from '../../scenarios/lib/plan-types.ts';

/** Phases and expected shares of the throttle scenario for one operation (pure). */
export interface TargetTiming {
  under: PacedPhase;
  burstPhase: { startS: number; count: number };
  over: PacedPhase;
  recovery: PacedPhase;
  bands: ThrottleTarget['bands'];
  /** End of the last phase (s). */
  endS: number;
  /** Requests the target sends at most. */
  requests: number;
}

/** Time between the burst and the phase above the rate (the burst's requests finish meanwhile). */
const AFTER_BURST_S = 0.5;
/** Arrival-time noise allowed on either side of a share band. */
const SHARE_SLACK = 0.03;
/** Tokens that may come back while a burst's requests arrive (k6 VUs each open a connection). */
const BURST_SPREAD_S = 0.03;

/**
 * `durationS` is split into the three paced phases (20% under, 40% over, 20% recovery, each bounded); the
 * burst sends burst + N (N = 60% + 2, so a bucket 50% larger than declared still throttles) at once, capped at
 * `maxBurst`. Bands follow from the declared limits and the tolerance: a gateway whose rate or burst is within
 * the tolerance lands inside, one 50% off lands outside (with the default tolerance of 0.3).
 */
export function targetTiming(l: Limits, durationS: number, tolerance: number, maxBurst: number): TargetTiming {
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  const U = clamp(0.2 * durationS, 1, 60);
  const O = clamp(0.4 * durationS, 2, 120);
  const R = clamp(0.2 * durationS, 1, 60);
  const count = Math.min(maxBurst, l.burst + Math.max(2, Math.min(Math.ceil(0.6 * l.burst) + 2, Math.floor(1.5 * l.rate))));
  const burstStart = U + Math.max(0.2, 2 / l.rate);
  const overStart = burstStart + AFTER_BURST_S;
  const recoveryStart = overStart + O + (l.burst / l.rate) * (1 + tolerance) + 0.3;
  const share = (rate: number, burst: number): number => 1 - (Math.min(burst, rate * AFTER_BURST_S) + rate * O) / (2 * l.rate * O);
  const clamp01 = (v: number): number => clamp(v, 0, 1);
  const under = { startS: 0, durationS: U, rate: l.rate / 2 };
  const over = { startS: overStart, durationS: O, rate: 2 * l.rate };
  const recovery = { startS: recoveryStart, durationS: R, rate: l.rate / 2 };
  return {
    under,
    burstPhase: { startS: burstStart, count },
    over,
    recovery,
    bands: {
      burstAccepted: [clamp01((l.burst * (1 - tolerance)) / count), clamp01((l.burst * (1 + tolerance) + l.rate * BURST_SPREAD_S + 1) / count)],
      overThrottled: [clamp01(share(l.rate * (1 + tolerance), l.burst * (1 + tolerance)) - SHARE_SLACK), clamp01(share(l.rate * (1 - tolerance), l.burst * (1 - tolerance)) + SHARE_SLACK)],
      recoveryThrottled: 0.05,
    },
    endS: recoveryStart + R,
    requests: Math.ceil(under.rate * U + count + over.rate * O + recovery.rate * R) + 4,
  };
}
