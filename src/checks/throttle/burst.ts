import { count, inPhase } from '../../throttle-probe/events.ts';
import { runProbe } from '../../throttle-probe/probe.ts';
import { burstProbe } from '../../throttle-probe/schedule.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import { band, judgeBurst } from '../../throttle-probe/tolerance.ts';
import type { CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { attemptsNote, fmt, probing, seconds, throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { isWindowSetup, prepare } from './target.ts';
import { windowBurst } from './window-burst.ts';

/**
 * throttle.burst: burst + N requests at once yield about `burst` accepted and 429s with the profile's throttle
 * signature for the rest. The bucket size is estimated from the burst and a short stream above the rate
 * (tokens that come back during the burst are not mistaken for a larger bucket).
 */
export const throttleBurst: CheckRunner<'throttle.burst'> = async (ctx) => {
  const setup = await prepare(ctx);
  if ('skip' in setup) return setup.skip;
  if (isWindowSetup(setup)) return windowBurst(ctx, setup);
  const { model: limits, target, tolerance } = setup;
  const plan = burstProbe(limits);
  const run = await probing(ctx, setup, () => runProbe(target, plan, ctx.profile, limits));
  const burst = inPhase(run.events, 'burst');
  const { low, high } = band(limits.burst, tolerance, 1);
  const judged = judgeBurst(run.estimate, limits.burst, tolerance);
  const none = count(run.events, 'throttled') === 0;
  const problems = [
    ...(none ? ['nothing was throttled'] : judged.ok ? [] : [`the bucket holds ${fmt(run.estimate.burst)}, outside ${fmt(low)}–${fmt(high)}`]),
    ...throttledProblems(run.events, ctx.profile),
  ];
  const expected = `a burst of ${burst.length} concurrent requests: about ${limits.burst} accepted (estimated bucket ${fmt(low)}–${fmt(high)}), the rest 429 with the ${ctx.profile.name} throttle signature`;
  const actual =
    `${count(burst, 'accepted')} of ${burst.length} accepted at once, ${count(burst, 'throttled')} throttled; ${judged.text}${run.estimate.rate === undefined ? '' : `, rate ${fmt(run.estimate.rate)}/s`}; ` +
    `${run.events.length} requests in ${seconds(run.durationMs)}${attemptsNote(run)}`;
  const evidence = probeEvidence(target, run.events, setup.credentialHeaders, actual);
  const data = throttleData(setup.declared, run.events, run.estimate);
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
};
