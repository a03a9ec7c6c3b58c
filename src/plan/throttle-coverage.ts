import type { CoverageGroup } from '../domain/check.ts';
import { bindingLimiter, type Limiter } from '../gateway/limits.ts';
import type { Operation } from '../openapi/model.ts';
import { coverageGroupBudget } from '../throttle-probe/budget.ts';
import { freshMs, probeModel, windowTooLong } from '../throttle-probe/window-schedule.ts';
import { probeCost, type StagePlan } from './stage-plan.ts';

/** What a stage-wide check names instead of one operation (as load thresholds over the whole mix do). */
const EVERY_OPERATION = '*';

/**
 * throttle.coverage: every exposed operation under a declared limit, grouped by the limiter that refuses it
 * first (gateway/limits.ts: a bucket per method, a stage window or a usage plan's counter shared). Groups are
 * taken cheapest per operation first while config.throttle.coverageBudget lasts; the rest, and windows too
 * long to probe, are listed as not covered with the reason.
 */
export function planCoverage(plan: StagePlan): void {
  const groups = new Map<string, { limiter: Limiter; operations: Operation[] }>();
  const notCovered: { operation: string; reason: string }[] = [];
  for (const op of plan.exposed) {
    const limiter = bindingLimiter(plan.stageConfig, op);
    if (!limiter) continue;
    const tooLong = windowTooLong(limiter.limits);
    if (tooLong) notCovered.push({ operation: op.key, reason: tooLong });
    else groups.set(limiter.id, { limiter, operations: [...(groups.get(limiter.id)?.operations ?? []), op] });
  }
  if (groups.size === 0 && notCovered.length === 0) return;
  const cap = plan.config.throttle.coverageBudget;
  const sized = [...groups.values()]
    .map((g) => ({
      ...g,
      operations: [...g.operations].sort((a, b) => drainCost(a) - drainCost(b)),
      budget: coverageGroupBudget(probeModel(g.limiter.limits), g.operations.length),
    }))
    .sort((a, b) => a.budget.requests / a.operations.length - b.budget.requests / b.operations.length);
  const chosen: CoverageGroup[] = [];
  let left = cap;
  let seconds = 0;
  for (const g of sized) {
    if (g.budget.requests > left) {
      const reason = `over the request budget: the ${g.limiter.id} limiter takes ${g.budget.requests} requests, ${left} of ${cap} were left (throttle.coverageBudget)`;
      notCovered.push(...g.operations.map((op) => ({ operation: op.key, reason })));
      continue;
    }
    left -= g.budget.requests;
    seconds += g.budget.seconds;
    chosen.push({
      limiter: g.limiter.id,
      limits: { ...g.limiter.limits, scope: g.limiter.scope },
      operations: g.operations.map((op) => op.key),
      requests: g.budget.requests,
    });
  }
  const settle = Math.max(0, ...chosen.map((g) => freshMs(probeModel(g.limits)))) / 1000;
  plan.add('throttle.coverage', EVERY_OPERATION, {
    groups: chosen,
    notCovered,
    budget: { requests: cap - left, seconds: Math.ceil((seconds + settle) * 10) / 10 },
  });
}

/** The operation that drains a group goes first: a GET, cheap to repeat. */
const drainCost = (op: Operation): number => (op.method === 'GET' ? 0 : 100) + probeCost(op);
