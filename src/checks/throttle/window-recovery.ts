import { drive } from '../../throttle-probe/driver.ts';
import { classify, count, inPhase } from '../../throttle-probe/events.ts';
import { median } from '../../throttle-probe/stats.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import { recoveryPollMs, WINDOW_TIME_SLACK_MS, windowRecoveryMs, windowRecoveryProbe, windowRefillMs } from '../../throttle-probe/window-schedule.ts';
import type { CheckContext, CheckOutcome } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt, probing, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import type { WindowSetup } from './target.ts';

/**
 * throttle.recovery on a window limiter: after a burst has drained the window, a request succeeds again by
 * the time the window allows (a fixed window at its next edge; a sliding one within one window, or two for
 * counters that weigh the previous period), and once the window is surely fresh, half the limit passes at
 * once. Catches limiters that keep refusing (penalty boxes, windows that never reset).
 */
export async function windowRecovery(ctx: CheckContext<'throttle.recovery'>, setup: WindowSetup): Promise<CheckOutcome> {
  const { model: w, target, tolerance } = setup;
  const plan = windowRecoveryProbe(w, tolerance);
  const events = await probing(ctx, setup, () => drive(target, plan.phases, (r) => classify(ctx.profile, r), { timeLimitMs: plan.maxMs + WINDOW_TIME_SLACK_MS }));
  const drained = inPhase(events, 'burst');
  const polled = inPhase(events, 'poll');
  const refill = inPhase(events, 'refill');
  const recoveryMs = windowRecoveryMs(w, tolerance);
  const half = Math.max(1, Math.ceil(w.limit / 2));
  const expected =
    `after the ${w.kind} window is drained, a request succeeds within ${fmt(recoveryMs, 0)} ms` +
    ` (${w.kind === 'fixed' ? 'its next edge' : 'the passed requests leave the window'}), and after ${fmt(windowRefillMs(w) / 1000, 2)} s ${half} requests at once all succeed`;
  const data = throttleData(setup.declared, events);
  if (count(drained, 'throttled') === 0) {
    const actual = `never throttled: all ${drained.length} requests of the burst were accepted`;
    return failed(expected, actual, probeEvidence(target, events, setup.credentialHeaders, actual), data);
  }
  const lastThrottle = Math.max(...drained.filter((e) => e.outcome === 'throttled').map((e) => e.doneAt));
  const firstOk = polled.find((e) => e.outcome === 'accepted');
  const rtt = median(polled.map((e) => e.doneAt - e.sentAt)) ?? 0;
  const allowedMs = recoveryMs + recoveryPollMs(w) + rtt + 50;
  const problems: string[] = [];
  let actual: string;
  if (!firstOk) {
    actual = `no request succeeded in ${polled.length} tries over ${fmt((polled.at(-1)?.doneAt ?? lastThrottle) - lastThrottle, 0)} ms after throttling`;
    problems.push('no recovery');
  } else {
    actual = `first success ${fmt(Math.max(0, firstOk.sentAt + rtt / 2 - lastThrottle), 0)} ms after the last 429 (allowed ${fmt(allowedMs, 0)} ms, ${polled.length} tries)`;
    // As for token buckets: only a request still refused after the allowed time proves slow recovery.
    const late = polled.filter((e) => e.outcome === 'throttled' && e.sentAt - lastThrottle > allowedMs);
    if (late.length > 0) problems.push(`still throttled ${fmt(late.at(-1)!.sentAt - lastThrottle, 0)} ms after the last 429, more than ${fmt(allowedMs, 0)} ms`);
  }
  const refillOk = count(refill, 'accepted');
  actual += `; after the refill time ${refillOk} of ${refill.length} accepted at once`;
  if (refill.length > 0 && refillOk < refill.length) problems.push(`${refill.length - refillOk} of ${refill.length} requests were still rejected after the refill time`);
  problems.push(...throttledProblems(events, ctx.profile));
  const evidence = probeEvidence(target, events, setup.credentialHeaders, actual);
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
}
