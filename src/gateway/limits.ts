import type { StageConfig } from '../config/load.ts';
import type { BucketLimits, Limits, WindowLimits } from '../config/schema.ts';
import { windowMs } from '../domain/limits.ts';
import type { Operation } from '../openapi/model.ts';

type StageLimits = Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>;
type LimitedOperation = Pick<Operation, 'key' | 'apiKeyRequired'>;

/** Which config field declares a limiter. */
type LimiterScope = 'stage' | 'operation' | 'usagePlan';

/** One counter a request is counted by. Operations whose limiters have the same `id` share that counter. */
export interface Limiter {
  scope: LimiterScope;
  /** Names the counter within a stage (and within one API key, for `perKey` limiters). */
  id: string;
  limits: Limits;
  /** Counted separately for each API key (usage plans). */
  perKey: boolean;
}

export const isWindow = (limits: Limits): limits is WindowLimits => 'limit' in limits;

/** Requests a full (token bucket) or fresh (window) limiter lets through at once. */
const allowance = (limits: Limits): number => (isWindow(limits) ? limits.limit : limits.burst);

/** Requests per second the limiter lets through in the long run. */
export const averageRate = (limits: Limits): number => (isWindow(limits) ? (limits.limit * 1000) / windowMs(limits.window) : limits.rate);

/**
 * The limiters that count a request to an operation on a stage. Token buckets follow AWS: the stage
 * `throttle` is a default bucket per method, replaced by `operationThrottle[op]` for that method; on methods
 * that require an API key the usage plan adds a bucket per key, shared by the key's methods
 * (`usagePlan.throttle`) unless the plan sets one for the method (`usagePlan.operationThrottle[op]`).
 * Window limiters count per config scope, as Kong's plugins and HAProxy's stick tables do: a stage window is
 * one counter for the whole stage, an operation's window its own, a usage plan's window one per key.
 */
export function limitersOf(stage: StageLimits, operation: LimitedOperation): Limiter[] {
  const limiters: Limiter[] = [];
  const own = stage.operationThrottle[operation.key];
  if (own) limiters.push({ scope: 'operation', id: `operation ${operation.key}`, limits: own, perKey: false });
  else if (stage.throttle)
    limiters.push({ scope: 'stage', id: isWindow(stage.throttle) ? 'stage' : `stage ${operation.key}`, limits: stage.throttle, perKey: false });
  const plan = operation.apiKeyRequired ? stage.usagePlan : undefined;
  const perMethod = plan?.operationThrottle[operation.key];
  if (perMethod) limiters.push({ scope: 'usagePlan', id: `usage plan ${operation.key}`, limits: perMethod, perKey: true });
  else if (plan?.throttle) limiters.push({ scope: 'usagePlan', id: 'usage plan', limits: plan.throttle, perKey: true });
  return limiters;
}

/**
 * The limiter that refuses a burst first (the smallest allowance; on a tie the slower one): what a throttle
 * probe of the operation drains, and the counter throttle.coverage groups operations by.
 */
export function bindingLimiter(stage: StageLimits, operation: LimitedOperation): Limiter | undefined {
  return limitersOf(stage, operation).sort((a, b) => allowance(a.limits) - allowance(b.limits) || averageRate(a.limits) - averageRate(b.limits))[0];
}

/**
 * The limit that binds an operation. A request passes only if every limiter that counts it lets it through:
 * token buckets combine into the minimum rate and the minimum burst, windows of one length and kind into the
 * minimum limit; limiters of different models do not combine, and the binding one stands for them.
 */
export function effectiveLimits(stage: StageLimits, operation: LimitedOperation): Limits | undefined {
  const present = limitersOf(stage, operation).map((l) => l.limits);
  if (present.length <= 1) return present[0];
  const buckets = present.filter((l): l is BucketLimits => !isWindow(l));
  if (buckets.length === present.length) return { rate: Math.min(...buckets.map((b) => b.rate)), burst: Math.min(...buckets.map((b) => b.burst)) };
  const windows = present.filter(isWindow);
  if (windows.length === present.length && windows.every((w) => w.window === windows[0]!.window && w.kind === windows[0]!.kind)) {
    return { ...windows[0]!, limit: Math.min(...windows.map((w) => w.limit)) };
  }
  return bindingLimiter(stage, operation)!.limits;
}
