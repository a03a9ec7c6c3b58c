import { isExposed } from '../../plan/stage-plan.ts';
import { classify, count, type ProbeEvent } from '../../throttle-probe/events.ts';
import { drive } from '../../throttle-probe/driver.ts';
import { drainPlan, isWindowModel } from '../../throttle-probe/window-schedule.ts';
import { throttleData } from '../../throttle-probe/timeline.ts';
import type { Evidence } from '../../domain/result.ts';
import type { CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { buildRequest } from '../../request/build.ts';
import { probing } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { prepare } from './target.ts';

/**
 * stage.throttle-isolation: right after a burst has emptied this stage's bucket or window (some 429s prove it),
 * one request to the same operation on every other stage still gets through: limiters are per stage. Only one
 * request goes to each other stage (paced like the smoke checks), so a protected neighbour is not loaded;
 * its 429 is the finding, so the client hands it over instead of retrying it after a back-off.
 */
export const stageThrottleIsolation: CheckRunner<'stage.throttle-isolation'> = async (ctx) => {
  const setup = await prepare(ctx);
  if ('skip' in setup) return setup.skip;
  const others = ctx.check.params.otherStages.filter((s) => ctx.otherStages[s] && isExposed(setup.op, s, ctx.config));
  const expected = `after ${ctx.check.stage}'s ${isWindowModel(setup.model) ? 'window' : 'bucket'} for ${setup.op.key} is drained, ${others.join(', ') || 'the other stages'} still answer without 429`;
  const judge = (r: { status: number; headers: Record<string, string>; body: string }) => classify(ctx.profile, r);
  const result = await probing(ctx, setup, async () => {
    const drained = await drive(setup.target, drainPlan(setup.model).phases, judge);
    const answers: { stage: string; status: number; outcome: ProbeEvent['outcome'] | 'no credentials'; evidence?: Evidence }[] = [];
    if (count(drained, 'throttled') === 0) return { drained, answers };
    for (const stage of others) {
      const other = ctx.otherStages[stage]!;
      const built = await buildRequest(other.config, setup.op, ctx.config.seed);
      if (built.missing.length > 0) {
        answers.push({ stage, status: 0, outcome: 'no credentials' });
        continue;
      }
      const exchange = await other.http.send({ ...built.request, throttleMatters: true });
      answers.push({ stage, status: exchange.response.status, outcome: judge(exchange.response).outcome, evidence: exchange.evidence });
    }
    return { drained, answers };
  });
  const { drained, answers } = result;
  const data = throttleData(setup.declared, drained);
  const evidence = [
    ...probeEvidence(setup.target, drained, setup.credentialHeaders),
    ...answers.flatMap((a) => (a.evidence ? [{ ...a.evidence, note: `${a.stage} right after the drain` }] : [])),
  ];
  const throttled = count(drained, 'throttled');
  if (throttled === 0)
    return failed(
      expected,
      `${ctx.check.stage} never throttled: all ${drained.length} requests of the burst were accepted, so isolation cannot be shown`,
      evidence,
      data,
    );
  if (others.length === 0) return passed(expected, 'no other stage exposes this operation', evidence, data);
  const drainedText = `${ctx.check.stage}: ${throttled} of ${drained.length} throttled`;
  const leaked = answers.filter((a) => a.outcome === 'throttled' || a.outcome === 'quota');
  const unusable = answers.filter((a) => a.outcome === 'no credentials' || a.outcome === 'error');
  const answered = answers.map((a) => `${a.stage}: ${a.outcome === 'no credentials' ? 'not tried (no credentials)' : a.status}`).join(', ');
  const actual = `${drainedText}; then ${answered}`;
  if (leaked.length > 0)
    return failed(expected, `${actual}: ${leaked.map((a) => a.stage).join(', ')} throttled too: the stages share a limiter`, evidence, data);
  if (unusable.length === answers.length) return failed(expected, `${actual}: no other stage could be tried`, evidence, data);
  return passed(expected, actual, evidence, data);
};
