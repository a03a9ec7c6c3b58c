import { classify, count, inPhase } from '../../throttle-probe/events.ts';
import { drive, poll, sleep } from '../../throttle-probe/driver.ts';
import { recoveryProbe } from '../../throttle-probe/schedule.ts';
import { median } from '../../throttle-probe/stats.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import type { CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt, probing, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { isWindowSetup, prepare } from './target.ts';
import { windowRecovery } from './window-recovery.ts';

/**
 * throttle.recovery: after a burst has emptied the bucket, a request succeeds again within the time one
 * token takes (1/rate, with the tolerance, the polling step and the round trip on top), and after the time
 * the whole bucket takes to refill, half a bucket goes through at once. Catches gateways that keep rejecting
 * after throttling (penalty boxes, buckets that never refill).
 */
export const throttleRecovery: CheckRunner<'throttle.recovery'> = async (ctx) => {
  const setup = await prepare(ctx);
  if ('skip' in setup) return setup.skip;
  if (isWindowSetup(setup)) return windowRecovery(ctx, setup);
  const { model: limits, target, tolerance } = setup;
  const judge = (r: { status: number; headers: Record<string, string>; body: string }) => classify(ctx.profile, r);
  const { drain, tokenMs, poll: polling, refillWaitMs, half } = recoveryProbe(limits, tolerance);
  const intervalMs = polling.intervalMs;

  const events = await probing(ctx, setup, async () => {
    const drained = await drive(target, drain.phases, judge);
    if (count(drained, 'throttled') === 0) return drained;
    const polled = await poll(target, 'poll', judge, { ...polling, until: (e) => e.outcome === 'accepted' });
    await sleep(refillWaitMs);
    const refilled = await drive(target, [{ name: 'refill', kind: 'burst', count: half }], judge);
    return [...drained, ...polled, ...refilled];
  });

  const drained = inPhase(events, 'burst');
  const expected = `after throttling, a request succeeds within one token's time (${fmt(tokenMs)} ms at ${limits.rate}/s), and after ${fmt(refillWaitMs / 1000, 2)} s ${half} requests at once all succeed`;
  const data = throttleData(setup.declared, events);
  if (count(drained, 'throttled') === 0) {
    const actual = `never throttled: all ${drained.length} requests of the burst were accepted`;
    return failed(expected, actual, probeEvidence(target, events, setup.credentialHeaders, actual), data);
  }
  const lastThrottle = Math.max(...drained.filter((e) => e.outcome === 'throttled').map((e) => e.doneAt));
  const polled = inPhase(events, 'poll');
  const firstOk = polled.find((e) => e.outcome === 'accepted');
  const rtt = median(polled.map((e) => e.doneAt - e.sentAt)) ?? 0;
  const allowedMs = tokenMs * (1 + tolerance) + intervalMs + rtt + 50;
  const refill = inPhase(events, 'refill');
  const problems: string[] = [];
  let actual: string;
  if (!firstOk) {
    actual = `no request succeeded in ${polled.length} tries over ${fmt((polled.at(-1)?.doneAt ?? lastThrottle) - lastThrottle, 0)} ms after throttling`;
    problems.push('no recovery');
  } else {
    const waited = firstOk.sentAt + rtt / 2 - lastThrottle;
    actual = `first success ${fmt(Math.max(0, waited), 0)} ms after the last 429 (allowed ${fmt(allowedMs, 0)} ms, ${polled.length} tries)`;
    // Only a request the gateway still throttled after the allowed time proves slow recovery: a stalled
    // client merely polls late (and then finds the token waiting), which must not fail the check.
    const late = polled.filter((e) => e.outcome === 'throttled' && e.sentAt - lastThrottle > allowedMs);
    if (late.length > 0) problems.push(`still throttled ${fmt(late.at(-1)!.sentAt - lastThrottle, 0)} ms after the last 429, more than ${fmt(allowedMs, 0)} ms`);
  }
  const refillOk = count(refill, 'accepted');
  actual += `; after the refill time ${refillOk} of ${refill.length} accepted at once`;
  if (refill.length > 0 && refillOk < refill.length) problems.push(`${refill.length - refillOk} of ${refill.length} requests were still rejected after the refill time`);
  problems.push(...throttledProblems(events, ctx.profile));
  const evidence = probeEvidence(target, events, setup.credentialHeaders, actual);
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
};
