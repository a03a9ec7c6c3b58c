import { count, inPhase } from '../../throttle-probe/events.ts';
import { runProbe } from '../../throttle-probe/probe.ts';
import { OVER_FACTOR, rateProbe, UNDER_FACTOR } from '../../throttle-probe/schedule.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import { band, judgeBurst, judgeRate } from '../../throttle-probe/tolerance.ts';
import type { CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { attemptsNote, fmt, probing, seconds, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { isWindowSetup, prepare } from './target.ts';
import { windowRate } from './window-rate.ts';

/**
 * throttle.rate: paced below the rate, nothing is throttled; paced above it (twice the rate, after a burst
 * has emptied the bucket), 429s come in proportion; the rate and burst estimated from the timeline match the
 * declared ones within the tolerance.
 */
export const throttleRate: CheckRunner<'throttle.rate'> = async (ctx) => {
  const setup = await prepare(ctx);
  if ('skip' in setup) return setup.skip;
  if (isWindowSetup(setup)) return windowRate(ctx, setup);
  const { model: limits, target, tolerance } = setup;
  const run = await probing(ctx, setup, () => runProbe(target, rateProbe(limits), ctx.profile, limits));
  const under = inPhase(run.events, 'under');
  const stream = inPhase(run.events, 'stream');
  const rate = judgeRate(run.estimate, limits.rate, tolerance);
  const burst = judgeBurst(run.estimate, limits.burst, tolerance);
  const problems: string[] = [];
  const underThrottled = under.length - count(under, 'accepted') - count(under, 'error');
  if (underThrottled > 0)
    problems.push(`${underThrottled} of ${under.length} requests paced at ${fmt(UNDER_FACTOR * limits.rate)}/s (below the rate) were rejected with 429`);
  const r = band(limits.rate, tolerance);
  if (!rate.ok)
    problems.push(
      run.estimate.rate === undefined ? 'the rate could not be measured' : `the rate is ${fmt(run.estimate.rate)}/s, outside ${fmt(r.low)}–${fmt(r.high)}/s`,
    );
  if (!burst.ok)
    problems.push(
      run.estimate.burst === undefined ? 'the burst could not be measured' : `the bucket holds ${fmt(run.estimate.burst)}, not about ${limits.burst}`,
    );
  problems.push(...throttledProblems(run.events, ctx.profile));
  const share = stream.length ? count(stream, 'throttled') / stream.length : 0;
  const expected =
    `no 429 at ${fmt(UNDER_FACTOR * limits.rate)}/s; at ${fmt(OVER_FACTOR * limits.rate)}/s about half throttled; ` +
    `estimated rate ${fmt(r.low)}–${fmt(r.high)}/s and burst near ${limits.burst} (declared ${limits.rate}/s, burst ${limits.burst})`;
  const actual =
    `${underThrottled} of ${under.length} throttled below the rate, ${Math.round(share * 100)}% of ${stream.length} above it; ${rate.text}; ${burst.text}; ` +
    `${run.events.length} requests in ${seconds(run.durationMs)}${attemptsNote(run)}`;
  const evidence = probeEvidence(target, run.events, setup.credentialHeaders, actual);
  const data = throttleData(setup.declared, run.events, run.estimate);
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
};
