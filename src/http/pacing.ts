import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../openapi/model.ts';
import { effectiveLimits } from '../gateway/limits.ts';
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

export function stagePacing(stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>, operations: readonly Pick<Operation, 'key' | 'apiKeyRequired'>[], pacing: PacingSettings, processes = 1): StagePacing {
  const declared = strictest([stage.throttle, stage.usagePlan?.throttle]);
  const stageLimits = declared ? scaled(declared, pacing.share, processes) : { rate: pacing.defaultRate / processes, burst: Math.max(1, Math.floor(pacing.defaultRate / processes / 4)) };
  const perOperation: Record<string, PaceLimits> = {};
  for (const op of operations) {
    const limits = effectiveLimits(stage, op);
    if (!limits) continue;
    const own = scaled(limits, pacing.share, processes);
    if (own.rate < stageLimits.rate || own.burst < stageLimits.burst) perOperation[op.key] = own;
  }
  return { stage: stageLimits, operations: perOperation, ...(declared ? { declared } : {}) };
}

/** `share` of a declared limit for each of `processes`; the burst never below 1 (a request needs a token). */
export function scaled(limits: Limits, share: number, processes = 1): PaceLimits {
  return { rate: (limits.rate * share) / processes, burst: Math.max(1, Math.floor((limits.burst * share) / processes)) };
}

function strictest(buckets: (Limits | undefined)[]): Limits | undefined {
  const present = buckets.filter((b): b is Limits => b !== undefined);
  if (present.length === 0) return undefined;
  return { rate: Math.min(...present.map((b) => b.rate)), burst: Math.min(...present.map((b) => b.burst)) };
}
