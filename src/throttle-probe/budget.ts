import type { ProbeBudget } from '../domain/limits.ts';
import { MAX_ATTEMPTS } from './probe.ts';
import { burstExtra, burstProbe, followUpCount, phaseMs, phaseRequests, rateProbe, recoveryProbe, type Phase } from './schedule.ts';
import {
  drainPlan,
  edgePhases,
  freshMs,
  isWindowModel,
  windowBurstProbe,
  windowDrainProbe,
  windowExtra,
  windowRateProbe,
  windowRecoveryProbe,
  type LimiterModel,
} from './window-schedule.ts';

export type ProbedKind = 'throttle.burst' | 'throttle.rate' | 'throttle.recovery' | 'stage.throttle-isolation';

const budget = (requests: number, ms: number): ProbeBudget => ({ requests: Math.ceil(requests), seconds: Math.ceil(ms / 100) / 10 });

/**
 * What one throttle check may send at most, and how long it may take (answers aside): its probe, repeated
 * when a token-bucket timeline was too disturbed to judge (probe.ts), and the waits for a full (or fresh)
 * limiter before and after it. `plan` prints it.
 */
export function probeBudget(kind: ProbedKind, model: LimiterModel, tolerance: number, otherStages = 0): ProbeBudget {
  const waits = 2 * freshMs(model);
  if (isWindowModel(model)) {
    const plan =
      kind === 'throttle.burst'
        ? windowBurstProbe(model)
        : kind === 'throttle.rate'
          ? windowRateProbe(model)
          : kind === 'throttle.recovery'
            ? windowRecoveryProbe(model, tolerance)
            : windowDrainProbe(model);
    return budget(plan.requests + otherStages, waits + plan.maxMs);
  }
  if (kind === 'throttle.recovery') {
    const recovery = recoveryProbe(model, tolerance);
    return budget(recovery.requests, waits + recovery.maxMs);
  }
  if (kind === 'stage.throttle-isolation') return budget(drainPlan(model).requests + otherStages, waits);
  const plan = kind === 'throttle.burst' ? burstProbe(model) : rateProbe(model);
  return budget(MAX_ATTEMPTS * plan.requests, waits + MAX_ATTEMPTS * (phaseMs(plan.phases) + freshMs(model)));
}

/**
 * throttle.coverage drains one limiter through its first operation with a burst beyond the limit (a fixed
 * window caught at its edge first, so the burst cannot straddle one). Every further operation sharing it then
 * gets a few requests, more than the limiter can refill meanwhile. An operation nothing was refused to is
 * tried again with a full drain probe (drainPlan), out of what the stage's budget has left.
 */
export function coverageDrain(model: LimiterModel): Phase[] {
  if (!isWindowModel(model)) return [{ name: 'burst', kind: 'burst', count: model.burst + burstExtra(model) }];
  const burst: Phase = { name: 'burst', kind: 'burst', count: model.limit + windowExtra(model) };
  return model.kind === 'fixed' ? [...edgePhases(model), burst] : [burst];
}

export const coverageFollowUps = (model: LimiterModel): number => (isWindowModel(model) ? 2 : followUpCount(model));

/** One group's first pass: the drain and the follow-ups (retries of operations left uncovered come out of the stage's budget). */
export const coverageGroupBudget = (model: LimiterModel, operations: number): ProbeBudget =>
  budget(phaseRequests(coverageDrain(model)) + (operations - 1) * coverageFollowUps(model), phaseMs(coverageDrain(model)) + 100 * operations);
