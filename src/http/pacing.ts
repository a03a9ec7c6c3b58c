import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../openapi/model.ts';
import { averageRate, effectiveLimits, isWindow } from '../gateway/limits.ts';
import type { PaceLimits } from './pacer.ts';

/**
 * How fast the smoke gate may talk to one stage: `share` of the binding declared rate, split over the
 * processes that may talk to the stage at the same time, with a burst well below the declared one.
 *
 * The stage pacer covers every request to the stage. Its basis is the strictest of the stage throttle and
 * the usage plan's per-key throttle: AWS applies the stage limit per method and the plan limit per key, so
 * the minimum is safe whichever buckets a request lands in. Operations whose own limit is stricter still get
 * a second pacer.
 */
export interface StagePacing {
  stage: PaceLimits;
  /** Operation key -> its extra pacer (only operations stricter than the stage basis). */
  operations: Record<string, PaceLimits>;
  /** The declared limit the stage pacer derives from; undefined when the stage declares none. */
  declared?: Limits;
}

export type PacingSettings = GateproofConfig['pacing'];

export function stagePacing(
  stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
  operations: readonly Pick<Operation, 'key' | 'apiKeyRequired'>[],
  pacing: PacingSettings,
  processes = 1,
): StagePacing {
  const declared = [stage.throttle, stage.usagePlan?.throttle].filter((l): l is Limits => l !== undefined);
  const stageLimits = declared.length
    ? strictest(declared.map((l) => scaled(l, pacing.share, processes)))
    : { rate: pacing.defaultRate / processes, burst: Math.max(1, Math.floor(pacing.defaultRate / processes / 4)) };
  const perOperation: Record<string, PaceLimits> = {};
  for (const op of operations) {
    const limits = effectiveLimits(stage, op);
    if (!limits) continue;
    const own = scaled(limits, pacing.share, processes);
    if (own.rate < stageLimits.rate || own.burst < stageLimits.burst) perOperation[op.key] = own;
  }
  const basis = [...declared].sort((a, b) => scaled(a, 1).rate - scaled(b, 1).rate)[0];
  return { stage: stageLimits, operations: perOperation, ...(basis ? { declared: basis } : {}) };
}

/**
 * `share` of a declared limit for each of `processes`; the burst never below 1 (a request needs a token).
 * A pacer sends at most burst + rate x T in any T: under a window limit, three quarters of the share go to
 * the rate and one quarter to the burst, so no window (fixed or sliding) sees more than `share` of its limit.
 */
export function scaled(limits: Limits, share: number, processes = 1): PaceLimits {
  if (isWindow(limits))
    return { rate: (0.75 * share * averageRate(limits)) / processes, burst: Math.max(1, Math.floor((0.25 * share * limits.limit) / processes)) };
  return { rate: (limits.rate * share) / processes, burst: Math.max(1, Math.floor((limits.burst * share) / processes)) };
}

const strictest = (paces: PaceLimits[]): PaceLimits => ({ rate: Math.min(...paces.map((p) => p.rate)), burst: Math.min(...paces.map((p) => p.burst)) });
