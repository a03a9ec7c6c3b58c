import type { StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../openapi/model.ts';
import type { FaultSet } from './faults.ts';

/** AWS token bucket: capacity = burst, refilled at `rate` tokens/s, starts full, one token per request. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly rate: number;
  readonly burst: number;

  constructor(limits: Limits, now = performance.now()) {
    this.rate = limits.rate;
    this.burst = limits.burst;
    this.tokens = limits.burst;
    this.last = now;
  }

  /** Tokens available at `now` (ms, monotonic), after refilling. */
  available(now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
    return this.tokens;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Takes one token from each bucket only if every bucket has one (a request needs them all). */
function takeAll(buckets: readonly (TokenBucket | undefined)[], now = performance.now()): boolean {
  for (const b of buckets) if (b && b.available(now) < 1) return false;
  for (const b of buckets) b?.take();
  return true;
}

/** The configured limits with `burst:<n>` / `rate:<r>` faults applied to every bucket. */
function withFaults(limits: Limits | undefined, faults: Pick<FaultSet, 'burst' | 'rate'>): Limits | undefined {
  if (!limits) return undefined;
  return { rate: faults.rate ?? limits.rate, burst: faults.burst ?? limits.burst };
}

/**
 * The throttling of one stage: a bucket per method (operationThrottle[op] ?? stage throttle) and, on
 * methods that require an API key, a bucket per key (usagePlan.operationThrottle[op] per key and method,
 * else usagePlan.throttle per key across methods).
 */
export class StageThrottle {
  private readonly methodBuckets = new Map<string, TokenBucket | undefined>();
  private readonly keyBuckets = new Map<string, TokenBucket>();

  constructor(
    private readonly stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
    private readonly faults: Pick<FaultSet, 'burst' | 'rate' | 'noThrottle'>,
  ) {}

  /** True when the request may pass (and its tokens were taken). */
  admit(op: Pick<Operation, 'key' | 'apiKeyRequired'>, apiKey: string | undefined, now = performance.now()): boolean {
    if (this.faults.noThrottle) return true;
    const method = this.methodBucket(op.key);
    const key = op.apiKeyRequired && apiKey !== undefined ? this.keyBucket(op.key, apiKey) : undefined;
    if (!method && !key) return true;
    return takeAll([method, key], now);
  }

  private methodBucket(opKey: string): TokenBucket | undefined {
    if (this.methodBuckets.has(opKey)) return this.methodBuckets.get(opKey);
    const limits = withFaults(this.stage.operationThrottle[opKey] ?? this.stage.throttle, this.faults);
    const bucket = limits ? new TokenBucket(limits) : undefined;
    this.methodBuckets.set(opKey, bucket);
    return bucket;
  }

  private keyBucket(opKey: string, apiKey: string): TokenBucket | undefined {
    const plan = this.stage.usagePlan;
    if (!plan) return undefined;
    const perMethod = plan.operationThrottle[opKey];
    const limits = withFaults(perMethod ?? plan.throttle, this.faults);
    if (!limits) return undefined;
    const id = perMethod ? `${apiKey}\u0000${opKey}` : apiKey;
    let bucket = this.keyBuckets.get(id);
    if (!bucket) this.keyBuckets.set(id, (bucket = new TokenBucket(limits)));
    return bucket;
  }
}
