import type { StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../openapi/model.ts';

/**
 * The limit that binds first for an operation on a stage, with AWS semantics: the stage `throttle` is the
 * default per-method bucket, replaced by `operationThrottle[op]` for that method; on methods that require an
 * API key the usage plan adds a per-key bucket (`usagePlan.operationThrottle[op]`, else `usagePlan.throttle`).
 * A request passes only if every bucket that applies has a token, so the binding rate and burst are the
 * minimum over the buckets present.
 */
export function effectiveLimits(
  stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
  operation: Pick<Operation, 'key' | 'apiKeyRequired'>,
): Limits | undefined {
  const method = stage.operationThrottle[operation.key] ?? stage.throttle;
  const key = operation.apiKeyRequired && stage.usagePlan ? (stage.usagePlan.operationThrottle[operation.key] ?? stage.usagePlan.throttle) : undefined;
  const present = [method, key].filter((b): b is Limits => b !== undefined);
  if (present.length === 0) return undefined;
  return { rate: Math.min(...present.map((b) => b.rate)), burst: Math.min(...present.map((b) => b.burst)) };
}
