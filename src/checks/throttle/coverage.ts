import type { CoverageGroup } from '../../domain/check.ts';
import { shapeOf } from '../../domain/limits.ts';
import type { CoverageData, Evidence } from '../../domain/result.ts';
import { coverageDrain, coverageFollowUps } from '../../throttle-probe/budget.ts';
import { drive } from '../../throttle-probe/driver.ts';
import { classify, count, type ProbeEvent } from '../../throttle-probe/events.ts';
import type { ProbeTarget } from '../../throttle-probe/fire.ts';
import { phaseMs } from '../../throttle-probe/schedule.ts';
import { afterProbes, settleStage } from '../../throttle-probe/settle.ts';
import { drainPlan, probeModel, WINDOW_TIME_SLACK_MS, type LimiterModel } from '../../throttle-probe/window-schedule.ts';
import type { CheckContext, CheckRunner } from '../context.ts';
import { failed, passed } from '../outcome.ts';
import { throttledProblems } from './common.ts';
import { probeEvidence } from './evidence.ts';
import { credentialHeadersOf, limiterKey, probeRequest, protectedRefusal, stageKeyOf } from './target.ts';

type Probed = { operation: string; target: ProbeTarget; events: ProbeEvent[] };
type Coverage = CoverageData['groups'][number];

/**
 * throttle.coverage: every operation under a declared limit refuses a burst beyond it. Per limiter (the plan's
 * groups): a burst beyond the limit drains it through the first operation, then each further operation that
 * shares it gets a few requests at once, more than the limiter can refill meanwhile; an operation is covered
 * once one of its requests is refused. An operation that got none refused (a stalled machine can let a
 * limiter refill between two sends) is tried once more on its own with a full drain burst, within
 * config.throttle.coverageBudget. The report lists the operations covered, and those not covered with why.
 */
export const throttleCoverage: CheckRunner<'throttle.coverage'> = async (ctx) => {
  const { groups, notCovered: planned } = ctx.check.params;
  const total = groups.reduce((n, g) => n + g.operations.length, 0) + planned.length;
  const cap = ctx.config.throttle.coverageBudget;
  const expected = `each of the ${total} operations under a declared limit refuses a burst beyond it (${groups.length} limiters, at most ${cap} requests)`;
  const refusal = protectedRefusal(ctx, expected);
  if (refusal)
    return {
      ...refusal,
      data: coverageData([], [...planned, ...groups.flatMap((g) => g.operations.map((operation) => ({ operation, reason: 'protected stage' })))], 0),
    };
  await settleStage(stageKeyOf(ctx), ctx.config.throttle.settleMs);
  const budget = { left: cap };
  const notCovered = [...planned];
  const results: { group: Coverage; probed: Probed[] }[] = [];
  const drained: { key: string; model: LimiterModel }[] = [];
  try {
    for (const group of groups) {
      const probed = await probeGroup(ctx, group, budget, notCovered);
      if (probed.length === 0) continue;
      results.push({ group: summary(group, probed), probed });
      drained.push({ key: limiterKey(ctx, group.limiter), model: probeModel(group.limits) });
    }
  } finally {
    await afterProbes(drained);
  }
  const all = results.flatMap((r) => r.probed.flatMap((p) => p.events));
  const data = coverageData(
    results.map((r) => r.group),
    notCovered,
    all.length,
  );
  const uncovered = results.flatMap((r) => r.group.operations.filter((o) => !o.covered).map((o) => ({ ...o, limiter: r.group.limiter })));
  const coveredCount = results.reduce((n, r) => n + r.group.operations.filter((o) => o.covered).length, 0);
  const leftOut = notCovered.length ? `; not covered: ${notCovered.map((n) => `${n.operation} (${n.reason})`).join(', ')}` : '';
  const actual = `${coveredCount} of ${total} operations refused a burst beyond their limit (${results.length} limiters, ${all.length} requests)${leftOut}`;
  const evidence = coverageEvidence(
    ctx,
    results.flatMap((r) => r.probed),
    uncovered.map((u) => u.operation),
  );
  if (results.length === 0) return { status: 'skipped', expected, actual: `no operation could be probed${leftOut}`, evidence, data };
  const problems = [
    ...uncovered.map((u) => `${u.operation} let all ${u.accepted} requests through, none refused: the ${u.limiter} limiter does not count it`),
    ...throttledProblems(all, ctx.profile),
  ];
  return problems.length === 0 ? passed(expected, actual, evidence, data) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence, data);
};

/**
 * One limiter's operations: the drain through the first, a few requests for each of the others, and one more
 * drain burst for every operation nothing was refused to, while the budget lasts.
 */
async function probeGroup(
  ctx: CheckContext<'throttle.coverage'>,
  group: CoverageGroup,
  budget: { left: number },
  notCovered: { operation: string; reason: string }[],
): Promise<Probed[]> {
  const model = probeModel(group.limits);
  const judge = (r: { status: number; headers: Record<string, string>; body: string }) => classify(ctx.profile, r);
  const targets: { operation: string; target: ProbeTarget }[] = [];
  for (const key of group.operations) {
    const op = ctx.model.operations.find((o) => o.key === key);
    const built = op ? await probeRequest(ctx, op) : { missing: `${key} is not in the loaded spec` };
    if ('missing' in built) notCovered.push({ operation: key, reason: built.missing });
    else targets.push({ operation: key, target: built.target });
  }
  if (targets.length === 0 || group.requests > budget.left) {
    for (const t of targets)
      notCovered.push({ operation: t.operation, reason: `over the request budget (${budget.left} of ${ctx.config.throttle.coverageBudget} left)` });
    return [];
  }
  const send = async (target: ProbeTarget, phases: Parameters<typeof drive>[1]): Promise<ProbeEvent[]> => {
    const events = await drive(target, phases, judge, { timeLimitMs: phaseMs(phases) + WINDOW_TIME_SLACK_MS });
    budget.left -= events.length;
    return events;
  };
  const [first, ...rest] = targets;
  const probed: Probed[] = [{ ...first!, events: await send(first!.target, coverageDrain(model)) }];
  for (const t of rest) probed.push({ ...t, events: await send(t.target, [{ name: 'follow-up', kind: 'burst', count: coverageFollowUps(model) }]) });
  const retry = drainPlan(model);
  for (const p of probed.filter((x) => count(x.events, 'throttled') === 0)) {
    if (retry.requests > budget.left) continue;
    p.events.push(
      ...(await send(
        p.target,
        retry.phases.map((phase) => ({ ...phase, name: 'retry' })),
      )),
    );
  }
  return probed;
}

function summary(group: CoverageGroup, probed: readonly Probed[]): Coverage {
  return {
    limiter: group.limiter,
    declared: shapeOf(group.limits),
    operations: probed.map((p) => {
      const accepted = count(p.events, 'accepted');
      const throttled = count(p.events, 'throttled');
      const retried = p.events.some((e) => e.phase === 'retry');
      return { operation: p.operation, covered: throttled > 0, accepted, throttled, ...(retried ? { note: 'tried again with a full burst' } : {}) };
    }),
  };
}

const coverageData = (groups: Coverage[], notCovered: CoverageData['notCovered'], requests: number): CoverageData => ({
  type: 'throttle-coverage',
  groups,
  notCovered,
  requests,
});

/** A refused answer (its signature), and the first accepted answer of each operation nothing was refused to. */
function coverageEvidence(ctx: CheckContext<'throttle.coverage'>, probed: readonly Probed[], uncovered: readonly string[]): Evidence[] {
  const headers = credentialHeadersOf(ctx);
  const first = (p: Probed, outcome: 'accepted' | 'throttled'): ProbeEvent[] => p.events.filter((e) => e.outcome === outcome && e.response).slice(0, 1);
  const refused = probed.find((p) => first(p, 'throttled').length > 0);
  const sample = refused ? probeEvidence(refused.target, first(refused, 'throttled'), headers) : [];
  const leaks = probed
    .filter((p) => uncovered.includes(p.operation))
    .slice(0, 3)
    .flatMap((p) => probeEvidence(p.target, first(p, 'accepted'), headers));
  return [...leaks, ...sample];
}
