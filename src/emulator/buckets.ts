import type { StageConfig } from '../config/load.ts';
import type { BucketLimits, Limits } from '../config/schema.ts';
import { windowMs } from '../domain/limits.ts';
import { isWindow, limitersOf } from '../gateway/limits.ts';
import type { Operation } from '../openapi/model.ts';
import type { FaultSet } from './faults.ts';
import { FixedWindow, SlidingWindow } from './windows.ts';

/** A counter that lets requests through or not; `now` is monotonic ms (performance.now()). */
export interface Limiter {
  canTake(now: number): boolean;
  take(now: number): void;
}

/** AWS token bucket: capacity = burst, refilled at `rate` tokens/s, starts full, one token per request. */
export class TokenBucket implements Limiter {
  private tokens: number;
  private last: number;
  readonly rate: number;
  readonly burst: number;

  constructor(limits: BucketLimits, now = performance.now()) {
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

  canTake(now: number): boolean {
    return this.available(now) >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Counts a request in every limiter only if every limiter lets it through (a request needs them all). */
function takeAll(limiters: readonly Limiter[], now = performance.now()): boolean {
  for (const l of limiters) if (!l.canTake(now)) return false;
  for (const l of limiters) l.take(now);
  return true;
}

/** The configured limits with the `burst:<n>` / `rate:<r>` (token buckets) and `window-limit:<n>` (windows) faults applied. */
function withFaults(limits: Limits, faults: Pick<FaultSet, 'burst' | 'rate' | 'windowLimit'>): Limits {
  if (isWindow(limits)) return { ...limits, limit: faults.windowLimit ?? limits.limit };
  return { rate: faults.rate ?? limits.rate, burst: faults.burst ?? limits.burst };
}

function createLimiter(limits: Limits): Limiter {
  if (!isWindow(limits)) return new TokenBucket(limits);
  return limits.kind === 'fixed' ? new FixedWindow(limits.limit, windowMs(limits.window)) : new SlidingWindow(limits.limit, windowMs(limits.window));
}

/**
 * The throttling of one stage: the counters of gateway/limits.ts (a token bucket per method, a stage window
 * shared by the stage, a usage plan's counter per API key), created on first use. `throttle-skip` leaves an
 * operation out of every counter; `no-throttle` lets everything through.
 */
export class StageThrottle {
  private readonly limiters = new Map<string, Limiter>();

  constructor(
    private readonly stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
    private readonly faults: Pick<FaultSet, 'burst' | 'rate' | 'windowLimit' | 'noThrottle' | 'throttleSkip'>,
  ) {}

  /** True when the request may pass (and it was counted). */
  admit(op: Pick<Operation, 'key' | 'apiKeyRequired'>, apiKey: string | undefined, now = performance.now()): boolean {
    if (this.faults.noThrottle || this.faults.throttleSkip.has(op.key)) return true;
    const counters: Limiter[] = [];
    for (const limiter of limitersOf(this.stage, op)) {
      if (limiter.perKey && apiKey === undefined) continue;
      const id = limiter.perKey ? `${apiKey}\u0000${limiter.id}` : limiter.id;
      let counter = this.limiters.get(id);
      if (!counter) this.limiters.set(id, (counter = createLimiter(withFaults(limiter.limits, this.faults))));
      counters.push(counter);
    }
    return takeAll(counters, now);
  }
}
