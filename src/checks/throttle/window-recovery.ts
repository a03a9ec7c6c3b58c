import { drive } from '../../throttle-probe/driver.ts';
import { classify } from '../../throttle-probe/events.ts';
import { recoveryPollMs, WINDOW_TIME_SLACK_MS, windowRecoveryMs, windowRecoveryProbe, windowRefillMs } from '../../throttle-probe/window-schedule.ts';
import type { CheckContext, CheckOutcome } from '../context.ts';
import { fmt, probing } from './common.ts';
import { recoveryVerdict } from './recovery-verdict.ts';
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
  const events = await probing(ctx, setup, () =>
    drive(target, plan.phases, (r) => classify(ctx.profile, r), { timeLimitMs: plan.maxMs + WINDOW_TIME_SLACK_MS }),
  );
  const recoveryMs = windowRecoveryMs(w, tolerance);
  const expected =
    `after the ${w.kind} window is drained, a request succeeds within ${fmt(recoveryMs, 0)} ms` +
    ` (${w.kind === 'fixed' ? 'its next edge' : 'the passed requests leave the window'}), and after ${fmt(windowRefillMs(w) / 1000, 2)} s ${plan.half} requests at once all succeed`;
  return recoveryVerdict(ctx.profile, setup, events, expected, { recoveryMs, intervalMs: recoveryPollMs(w) });
}
