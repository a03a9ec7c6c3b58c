import { drive } from '../../throttle-probe/driver.ts';
import { classify, count, inPhase } from '../../throttle-probe/events.ts';
import { windowThrottleData } from '../../throttle-probe/timeline.ts';
import { judgeWindowRate } from '../../throttle-probe/tolerance.ts';
import { estimateWindow, type WindowEstimate } from '../../throttle-probe/window-estimate.ts';
import { WINDOW_OVER_FACTOR, WINDOW_TIME_SLACK_MS, WINDOW_UNDER_FACTOR, windowRateProbe } from '../../throttle-probe/window-schedule.ts';
import type { CheckContext, CheckOutcome } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt, probing, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import type { WindowSetup } from './target.ts';

/**
 * throttle.rate on a window limiter: at half the window's average rate nothing is refused; at twice it the
 * limiter lets requests through in runs, one per window. A fixed window is judged on whole windows between two
 * resets: requests per window and the time between resets. A sliding window is judged from fresh, on the
 * requests it let through before its first refusal: every sliding implementation gives exactly its limit
 * there, or a little more when it weighs the previous period, while under a lasting overload those that count
 * refused requests (HAProxy `http_req_rate`) rightly let nothing through any more.
 */
export async function windowRate(ctx: CheckContext<'throttle.rate'>, setup: WindowSetup): Promise<CheckOutcome> {
  const { model: w, target, tolerance } = setup;
  const plan = windowRateProbe(w);
  const events = await probing(ctx, setup, () =>
    drive(target, plan.phases, (r) => classify(ctx.profile, r), { timeLimitMs: plan.maxMs + WINDOW_TIME_SLACK_MS }),
  );
  const under = inPhase(events, 'under');
  const over = inPhase(events, 'over');
  const estimate = estimateWindow(events, 'over');
  const average = (w.limit * 1000) / w.windowMs;
  const problems: string[] = [];
  const underRefused = under.length - count(under, 'accepted') - count(under, 'error');
  if (underRefused > 0)
    problems.push(`${underRefused} of ${under.length} requests paced at ${fmt(WINDOW_UNDER_FACTOR * average)}/s (below the limit) were rejected with 429`);
  const judged = judgeWindowRate(w, estimate, tolerance);
  if (estimate.pattern === 'unthrottled') problems.push(`nothing was refused at ${fmt(WINDOW_OVER_FACTOR * average)}/s`);
  else problems.push(...judged.filter((j) => !j.ok).map((j) => j.text));
  if (estimate.pattern === 'steady' && problems.length > 0)
    problems.push('requests passed one by one at a steady pace, as through a token bucket, not in runs per window');
  problems.push(...throttledProblems(events, ctx.profile));
  const expected =
    `no 429 at ${fmt(WINDOW_UNDER_FACTOR * average)}/s; at ${fmt(WINDOW_OVER_FACTOR * average)}/s runs of about ${w.limit} per ${w.kind} window of ${fmt(w.windowMs / 1000, 3)} s ` +
    (w.kind === 'fixed' ? '(counted between the window resets)' : '(counted from a fresh window to the first 429)');
  const actual =
    `${underRefused} of ${under.length} throttled below the limit, ${count(over, 'throttled')} of ${over.length} above it; ${judged.map((j) => j.text).join('; ')}` +
    `${resetsNote(estimate)}; ${events.length} requests`;
  const evidence = probeEvidence(target, events, setup.credentialHeaders, actual);
  // A sliding window shows its length once: from the fresh run's start to the first request it let back in.
  const firstReset = estimate.resetsAt[0] !== undefined && estimate.firstAcceptedAt !== undefined ? estimate.resetsAt[0] - estimate.firstAcceptedAt : undefined;
  const seen = w.kind === 'fixed' ? { perWindow: estimate.perWindow, windowMs: estimate.windowMs } : { perWindow: estimate.firstRun, windowMs: firstReset };
  const data = windowThrottleData(setup.declared, events, { ...seen, resetsAt: estimate.resetsAt, pattern: estimate.pattern });
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
}

const resetsNote = (e: WindowEstimate): string =>
  e.resetsAt.length && e.firstAcceptedAt !== undefined
    ? `; let requests through again after ${e.resetsAt.map((t) => `${Math.round(t - e.firstAcceptedAt!)} ms`).join(', ')}`
    : '';
