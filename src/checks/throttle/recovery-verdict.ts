import type { Profile } from '../../profiles/profile.ts';
import { count, inPhase, type ProbeEvent } from '../../throttle-probe/events.ts';
import { median } from '../../throttle-probe/stats.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import type { CheckOutcome } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import type { ThrottleSetup } from './target.ts';

/**
 * The verdict of a recovery probe (drain "burst", "poll" until a request passes, "refill" burst after the
 * refill time), token bucket or window alike: the limiter refused something; the first success came within
 * `recoveryMs` (plus the polling step and the round trip) after the last 429; the refill burst passed whole.
 * Only a request the gateway still refused after the allowed time proves slow recovery: a stalled client merely
 * polls late (and then finds the limiter open), which must not fail the check.
 */
export function recoveryVerdict(
  profile: Profile,
  setup: ThrottleSetup,
  events: readonly ProbeEvent[],
  expected: string,
  limits: { recoveryMs: number; intervalMs: number },
): CheckOutcome {
  const { target, credentialHeaders } = setup;
  const drained = inPhase(events, 'burst');
  const data = throttleData(setup.declared, events);
  if (count(drained, 'throttled') === 0) {
    const actual = `never throttled: all ${drained.length} requests of the burst were accepted`;
    return failed(expected, actual, probeEvidence(target, events, credentialHeaders, actual), data);
  }
  const lastThrottle = Math.max(...drained.filter((e) => e.outcome === 'throttled').map((e) => e.doneAt));
  const polled = inPhase(events, 'poll');
  const firstOk = polled.find((e) => e.outcome === 'accepted');
  const rtt = median(polled.map((e) => e.doneAt - e.sentAt)) ?? 0;
  const allowedMs = limits.recoveryMs + limits.intervalMs + rtt + 50;
  const problems: string[] = [];
  let actual: string;
  if (!firstOk) {
    actual = `no request succeeded in ${polled.length} tries over ${fmt((polled.at(-1)?.doneAt ?? lastThrottle) - lastThrottle, 0)} ms after throttling`;
    problems.push('no recovery');
  } else {
    actual = `first success ${fmt(Math.max(0, firstOk.sentAt + rtt / 2 - lastThrottle), 0)} ms after the last 429 (allowed ${fmt(allowedMs, 0)} ms, ${polled.length} tries)`;
    const late = polled.filter((e) => e.outcome === 'throttled' && e.sentAt - lastThrottle > allowedMs);
    if (late.length > 0)
      problems.push(`still throttled ${fmt(late.at(-1)!.sentAt - lastThrottle, 0)} ms after the last 429, more than ${fmt(allowedMs, 0)} ms`);
  }
  const refill = inPhase(events, 'refill');
  const refillOk = count(refill, 'accepted');
  actual += `; after the refill time ${refillOk} of ${refill.length} accepted at once`;
  if (refill.length > 0 && refillOk < refill.length)
    problems.push(`${refill.length - refillOk} of ${refill.length} requests were still rejected after the refill time`);
  problems.push(...throttledProblems(events, profile));
  const evidence = probeEvidence(target, events, credentialHeaders, actual);
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
}
