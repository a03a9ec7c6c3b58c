import type { StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../spec/model.ts';

/**
 * The limit that binds first for an operation on a stage: AWS applies usage-plan per-method, usage-plan,
 * stage per-method, then stage limits; a request passes only if every bucket has a token, so the binding
 * rate and burst are the minimum over the buckets that apply.
 */
export function effectiveLimits(stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>, operation: Pick<Operation, 'key' | 'apiKeyRequired'>): Limits | undefined {
  const buckets: (Limits | undefined)[] = [stage.throttle, stage.operationThrottle[operation.key]];
  if (operation.apiKeyRequired && stage.usagePlan) buckets.push(stage.usagePlan.throttle, stage.usagePlan.operationThrottle[operation.key]);
  const present = buckets.filter((b): b is Limits => b !== undefined);
  if (present.length === 0) return undefined;
  return { rate: Math.min(...present.map((b) => b.rate)), burst: Math.min(...present.map((b) => b.burst)) };
}
