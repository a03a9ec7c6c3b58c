import { shapeOf, type LimitShape } from '../domain/limits.ts';
import type { ThrottleData } from '../domain/result.ts';
import type { ProbeEvent } from './events.ts';

/** About this many slices per timeline: readable on the dashboard whatever the probe's length. */
const TARGET_SLICES = 40;
const SLICE_STEPS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000];

/** Accepted vs throttled per time slice (by send time, from the first request), for the dashboard. Pure. */
export function toTimeline(events: readonly ProbeEvent[]): ThrottleData['timeline'] {
  const live = events.filter((e) => e.outcome !== 'error');
  if (live.length === 0) return [];
  const start = Math.min(...live.map((e) => e.sentAt));
  const span = Math.max(...live.map((e) => e.sentAt)) - start;
  const slice = SLICE_STEPS.find((s) => span / s <= TARGET_SLICES) ?? SLICE_STEPS[SLICE_STEPS.length - 1]!;
  const slices = new Map<number, { tMs: number; accepted: number; throttled: number }>();
  for (const e of live) {
    const tMs = Math.floor((e.sentAt - start) / slice) * slice;
    const s = slices.get(tMs) ?? { tMs, accepted: 0, throttled: 0 };
    if (e.outcome === 'accepted') s.accepted += 1;
    else s.throttled += 1;
    slices.set(tMs, s);
  }
  return [...slices.values()].sort((a, b) => a.tMs - b.tMs);
}

const round = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(v * 10) / 10);

/** The dashboard's figures of a token-bucket probe: declared vs estimated rate and burst, and the timeline. */
export function throttleData(declared: LimitShape, events: readonly ProbeEvent[], estimated?: { rate?: number; burst?: number }): ThrottleData {
  const est =
    estimated && (estimated.rate !== undefined || estimated.burst !== undefined) ? { rate: round(estimated.rate), burst: round(estimated.burst) } : undefined;
  return { type: 'throttle', declared: shapeOf(declared), ...(est ? { estimated: est } : {}), requests: events.length, timeline: toTimeline(events) };
}

/** The same for a window probe: accepted per window, the window length and the resets it showed (ms from the first request). */
export function windowThrottleData(
  declared: LimitShape,
  events: readonly ProbeEvent[],
  estimated?: { perWindow?: number; windowMs?: number; resetsAt?: number[]; pattern?: string },
): ThrottleData {
  const start = Math.min(...events.filter((e) => e.outcome !== 'error').map((e) => e.sentAt));
  const est = estimated && {
    ...(estimated.perWindow !== undefined ? { perWindow: round(estimated.perWindow) } : {}),
    ...(estimated.windowMs !== undefined ? { windowMs: Math.round(estimated.windowMs) } : {}),
    ...(estimated.resetsAt?.length && Number.isFinite(start) ? { resetsMs: estimated.resetsAt.map((t) => Math.round(t - start)) } : {}),
    ...(estimated.pattern ? { pattern: estimated.pattern } : {}),
  };
  return {
    type: 'throttle',
    declared: shapeOf(declared),
    ...(est && Object.keys(est).length ? { estimated: est } : {}),
    requests: events.length,
    timeline: toTimeline(events),
  };
}
