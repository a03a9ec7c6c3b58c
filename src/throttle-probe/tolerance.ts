import type { LimitEstimate } from './estimate.ts';
import type { WindowEstimate } from './window-estimate.ts';
import type { WindowModel } from './window-schedule.ts';

/**
 * Verdicts on estimated limits (pure). AWS calls its limits best-effort targets and a loaded CI machine
 * jitters, so an estimate passes within `tolerance` (config.throttle.tolerance, default 0.3) of the declared
 * value; bursts also get one token of slack (a bucket holds whole requests). The probe itself is accurate to
 * about ±10% (npm run bench), so the default still fails any limit 50% or more off the config
 * (`rate:<r>`, `burst:<n>`, `no-throttle`).
 */
export interface Judgement {
  ok: boolean;
  /** e.g. "rate 49.6/s (declared 50/s, allowed 35–65)" */
  text: string;
}

export interface Band {
  low: number;
  high: number;
}

export const band = (declared: number, tolerance: number, slack = 0): Band => {
  const margin = Math.max(declared * tolerance, slack);
  return { low: Math.max(0, declared - margin), high: declared + margin };
};

const fmt = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)).replace(/\.0+$/, '');

export function judgeRate(estimate: LimitEstimate, declared: number, tolerance: number): Judgement {
  const { low, high } = band(declared, tolerance);
  const allowed = `declared ${fmt(declared)}/s, allowed ${fmt(low)}–${fmt(high)}`;
  if (estimate.rate !== undefined) {
    const ok = estimate.rate >= low && estimate.rate <= high;
    return { ok, text: `rate ${fmt(estimate.rate)}/s (${allowed})` };
  }
  if (estimate.rateAtLeast !== undefined) {
    return { ok: false, text: `rate at least ${fmt(estimate.rateAtLeast)}/s: the stream above the rate was never throttled (${allowed})` };
  }
  return { ok: false, text: `rate not measurable: ${estimate.notes.join('; ') || 'too few responses'} (${allowed})` };
}

export function judgeBurst(estimate: LimitEstimate, declared: number, tolerance: number): Judgement {
  const { low, high } = band(declared, tolerance, 1);
  const allowed = `declared ${fmt(declared)}, allowed ${fmt(low)}–${fmt(high)}`;
  if (estimate.burst !== undefined) {
    const ok = estimate.burst >= low && estimate.burst <= high;
    return { ok, text: `burst ${fmt(estimate.burst)} (${allowed})` };
  }
  if (estimate.burstAtLeast !== undefined) {
    return { ok: false, text: `burst at least ${fmt(estimate.burstAtLeast)}: nothing was throttled (${allowed})` };
  }
  return { ok: false, text: `burst not measurable: ${estimate.notes.join('; ') || 'too few responses'} (${allowed})` };
}

/**
 * A window's accepted requests against its declared limit, with the tolerance and one request of slack. The
 * default tolerance also absorbs sliding-window counters that weigh the previous period (up to ~17% over the
 * limit from a fresh window, see window-estimate.ts) and Kong's asynchronous counting.
 */
export function judgeWindowLimit(measured: number | undefined, declared: number, tolerance: number, what: string): Judgement {
  const { low, high } = band(declared, tolerance, 1);
  const allowed = `declared ${fmt(declared)}, allowed ${fmt(low)}–${fmt(high)}`;
  if (measured === undefined) return { ok: false, text: `${what}: not measurable (${allowed})` };
  return { ok: measured >= low && measured <= high, text: `${what} ${fmt(measured)} (${allowed})` };
}

/** The time between a fixed window's resets against its declared length. */
function judgeWindowLength(measuredMs: number | undefined, declaredMs: number, tolerance: number): Judgement {
  const { low, high } = band(declaredMs, tolerance);
  const allowed = `declared ${fmt(declaredMs)} ms, allowed ${fmt(low)}–${fmt(high)}`;
  if (measuredMs === undefined) return { ok: false, text: `window length: not measurable (${allowed})` };
  return { ok: measuredMs >= low && measuredMs <= high, text: `resets every ${fmt(measuredMs)} ms (${allowed})` };
}

/**
 * throttle.rate on a window: a fixed window on whole windows between two resets (requests per window, time
 * between resets; a correct one resets at least twice in the probe's three windows), a sliding window on the
 * run from fresh to its first refusal.
 */
export function judgeWindowRate(w: WindowModel, estimate: WindowEstimate, tolerance: number): Judgement[] {
  if (w.kind === 'sliding') return [judgeWindowLimit(estimate.firstRun, w.limit, tolerance, 'accepted from a fresh window')];
  const perWindow = judgeWindowLimit(estimate.perWindow, w.limit, tolerance, 'accepted per window');
  if (estimate.resetsAt.length < 2)
    return [
      perWindow,
      { ok: false, text: `the window reset ${estimate.resetsAt.length} time(s) in ${fmt((3 * w.windowMs) / 1000)} s, not every ${fmt(w.windowMs / 1000)} s` },
    ];
  return [perWindow, judgeWindowLength(estimate.windowMs, w.windowMs, tolerance)];
}
