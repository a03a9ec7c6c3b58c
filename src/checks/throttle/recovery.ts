import { classify, count } from '../../throttle-probe/events.ts';
import { drive, poll, sleep } from '../../throttle-probe/driver.ts';
import { recoveryProbe } from '../../throttle-probe/schedule.ts';
import type { CheckRunner } from '../context.ts';
import { fmt, probing } from './common.ts';
import { recoveryVerdict } from './recovery-verdict.ts';
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

  const expected = `after throttling, a request succeeds within one token's time (${fmt(tokenMs)} ms at ${limits.rate}/s), and after ${fmt(refillWaitMs / 1000, 2)} s ${half} requests at once all succeed`;
  return recoveryVerdict(ctx.profile, setup, events, expected, { recoveryMs: tokenMs * (1 + tolerance), intervalMs });
};
