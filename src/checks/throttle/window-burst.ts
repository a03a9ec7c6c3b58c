import { drive } from '../../throttle-probe/driver.ts';
import { classify, count, inPhase } from '../../throttle-probe/events.ts';
import { windowThrottleData } from '../../throttle-probe/timeline.ts';
import { band, judgeWindowLimit } from '../../throttle-probe/tolerance.ts';
import { windowBurstCount } from '../../throttle-probe/window-estimate.ts';
import { windowBurstProbe, WINDOW_TIME_SLACK_MS } from '../../throttle-probe/window-schedule.ts';
import type { CheckContext, CheckOutcome } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { fmt, probing, seconds, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import type { WindowSetup } from './target.ts';

/**
 * throttle.burst on a window limiter: limit + N requests at once into a fresh window yield about `limit`
 * accepted, the rest 429 with the profile's throttle signature. A fixed window is caught at its edge first
 * (drained, then polled until a request passes: that request opened the window the burst then lands in), so a
 * burst never straddles an edge and counts twice.
 */
export async function windowBurst(ctx: CheckContext<'throttle.burst'>, setup: WindowSetup): Promise<CheckOutcome> {
  const { model: w, target, tolerance } = setup;
  const plan = windowBurstProbe(w);
  const events = await probing(ctx, setup, () =>
    drive(target, plan.phases, (r) => classify(ctx.profile, r), { timeLimitMs: plan.maxMs + WINDOW_TIME_SLACK_MS }),
  );
  const burst = inPhase(events, 'burst');
  const { accepted, drained, edgeAt, drainAt } = windowBurstCount(events, w.kind);
  const { low, high } = band(w.limit, tolerance, 1);
  const judged = judgeWindowLimit(accepted, w.limit, tolerance, 'accepted in one window');
  const problems: string[] = [];
  if (!drained) problems.push(`nothing was throttled: ${inPhase(events, 'sync').length} requests at once all passed`);
  else if (w.kind === 'fixed' && edgeAt === undefined)
    problems.push(`the window never let a request through again within ${seconds(1.5 * w.windowMs + 200)} of being drained`);
  else if (!judged.ok)
    problems.push(count(burst, 'throttled') === 0 ? 'nothing was throttled' : `the window let ${accepted} through, outside ${fmt(low)}–${fmt(high)}`);
  problems.push(...throttledProblems(events, ctx.profile));
  const edgeNote = edgeAt !== undefined && drainAt !== undefined ? `; the window's edge came ${Math.round(edgeAt - drainAt)} ms after the drain` : '';
  const expected =
    `a burst of ${burst.length || w.limit} concurrent requests into a fresh ${w.kind} window of ${w.limit} per ${fmt(w.windowMs / 1000, 3)} s: ` +
    `about ${w.limit} accepted (${fmt(low)}–${fmt(high)}), the rest 429 with the ${ctx.profile.name} throttle signature`;
  const actual =
    `${count(burst, 'accepted')} of ${burst.length} accepted at once${edgeAt !== undefined ? ' (+1 by the poll that found the new window)' : ''}, ${count(burst, 'throttled')} throttled; ${judged.text}${edgeNote}; ` +
    `${events.length} requests`;
  const evidence = probeEvidence(target, events, setup.credentialHeaders, actual);
  const data = windowThrottleData(setup.declared, events, { perWindow: accepted, resetsAt: edgeAt !== undefined ? [edgeAt] : [] });
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
}
