import type { ProbeEvent } from './events.ts';
import { median } from './stats.ts';

/**
 * What a window limiter showed under a paced stream above its limit (pure). A window limiter lets requests
 * through in runs: from a fresh window the first `limit` pass, then it refuses until the window resets (a
 * fixed window at its edge, a sliding window when the passed requests leave it), and the next run starts.
 * A token bucket under the same stream refills steadily: short runs of one or two, close together.
 *
 *   firstRun   requests accepted before the first refusal (from a fresh limiter: its limit; sliding-window
 *              counters that weigh the previous period let up to ~17% more through, see window-schedule.ts)
 *   runs       accepted runs that start after a refusal (a reset) and end with one: what a whole window held
 *   resets     when each run started: the window boundaries it showed
 */
export interface WindowEstimate {
  firstRun?: number;
  /** Median accepted per complete run after a reset: requests per window. */
  perWindow?: number;
  /** Median time between consecutive resets (ms): the window length. */
  windowMs?: number;
  /** Send times of the requests that opened each run after a reset (monotonic ms, like ProbeEvent.sentAt). */
  resetsAt: number[];
  /** Send time of the stream's first accepted request. */
  firstAcceptedAt?: number;
  /** Complete runs that entered `perWindow`. */
  runs: number;
  pattern: WindowPattern;
  notes: string[];
}

/**
 * windowed: long runs separated by refusals (a window limiter); steady: runs of one or two at the pace of a
 * refill (a token bucket); unthrottled: nothing was refused; unclear: too little to tell.
 */
type WindowPattern = 'windowed' | 'steady' | 'unthrottled' | 'unclear';

interface Run {
  startAt: number;
  length: number;
  complete: boolean;
}

export function estimateWindow(events: readonly ProbeEvent[], phase: string): WindowEstimate {
  const stream = events.filter((e) => e.phase === phase && e.outcome !== 'error').sort((a, b) => a.sentAt - b.sentAt);
  const firstAccepted = stream.find((e) => e.outcome === 'accepted');
  if (!firstAccepted)
    return { resetsAt: [], runs: 0, pattern: 'unclear', notes: [stream.length ? 'no request was accepted' : 'no responses to estimate from'] };
  let firstRun = 0;
  let refused = false;
  const runs: Run[] = [];
  let open: Run | undefined;
  for (const e of stream) {
    if (e.outcome === 'accepted') {
      if (!refused) firstRun += 1;
      else if (open) open.length += 1;
      else runs.push((open = { startAt: e.sentAt, length: 1, complete: false }));
    } else {
      if (open) open.complete = true;
      open = undefined;
      refused = true;
    }
  }
  if (!refused) return { firstRun, resetsAt: [], firstAcceptedAt: firstAccepted.sentAt, runs: 0, pattern: 'unthrottled', notes: ['no request was refused'] };
  const complete = runs.filter((r) => r.complete);
  const starts = runs.map((r) => r.startAt);
  const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
  const perWindow = median(complete.map((r) => r.length));
  const windowMs = median(gaps);
  const sendGap = median(stream.slice(1).map((e, i) => e.sentAt - stream[i]!.sentAt)) ?? 0;
  const notes: string[] = [];
  if (runs.length === 0) notes.push('the limiter did not let a request through again during the stream');
  else if (complete.length === 0) notes.push('the last run was still going when the stream ended');
  return {
    firstRun,
    ...(perWindow !== undefined ? { perWindow } : {}),
    ...(windowMs !== undefined ? { windowMs } : {}),
    resetsAt: starts,
    firstAcceptedAt: firstAccepted.sentAt,
    runs: complete.length,
    pattern: patternOf(complete, windowMs, sendGap),
    notes,
  };
}

/** Long runs, or resets far apart compared with the stream's pace, mean a window; short, close ones a refill. */
function patternOf(complete: readonly Run[], windowMs: number | undefined, sendGap: number): WindowPattern {
  const length = median(complete.map((r) => r.length));
  if (length === undefined) return 'unclear';
  if (length >= 3 || (windowMs !== undefined && sendGap > 0 && windowMs >= 3 * sendGap)) return 'windowed';
  return windowMs === undefined ? 'unclear' : 'steady';
}

/**
 * What one fresh window let through in a throttle.burst probe: a sliding window the burst's accepted
 * requests; a fixed window also the poll that found its edge (it opened the window the burst landed in).
 * `drained`: the drain before the edge poll was refused somewhere (a fixed window that never refuses has no
 * edge to find).
 */
export function windowBurstCount(
  events: readonly ProbeEvent[],
  kind: 'fixed' | 'sliding',
): { accepted: number; drained: boolean; edgeAt?: number; drainAt?: number } {
  const burst = events.filter((e) => e.phase === 'burst');
  const accepted = burst.filter((e) => e.outcome === 'accepted').length;
  if (kind === 'sliding') return { accepted, drained: true };
  const sync = events.filter((e) => e.phase === 'sync');
  const edge = events.find((e) => e.phase === 'edge' && e.outcome === 'accepted');
  return {
    accepted: accepted + (edge ? 1 : 0),
    drained: sync.some((e) => e.outcome === 'throttled'),
    ...(edge ? { edgeAt: edge.sentAt } : {}),
    ...(sync.length ? { drainAt: Math.min(...sync.map((e) => e.sentAt)) } : {}),
  };
}
