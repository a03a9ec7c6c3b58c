import type { Limiter } from './buckets.ts';

/**
 * Kong rate-limiting: at most `limit` requests pass per calendar window (windows aligned to the epoch, like
 * Kong's second/minute/hour counters); only requests that pass are counted, and the count starts again at
 * every window edge, so up to 2 x limit can pass across an edge.
 */
export class FixedWindow implements Limiter {
  private current = Number.NaN;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  canTake(now: number): boolean {
    this.roll(now);
    return this.count < this.limit;
  }

  take(now: number): void {
    this.roll(now);
    this.count += 1;
  }

  private roll(now: number): void {
    const window = Math.floor((performance.timeOrigin + now) / this.windowMs);
    if (window !== this.current) {
      this.current = window;
      this.count = 0;
    }
  }
}

/**
 * A sliding window: at most `limit` requests pass in any `windowMs` (an exact log of pass times; HAProxy
 * stick tables and Kong's advanced plugin approximate it with two counters). After a burst, the requests
 * that passed leave the window one by one, `windowMs` after they passed.
 */
export class SlidingWindow implements Limiter {
  private readonly passed: number[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  canTake(now: number): boolean {
    this.expire(now);
    return this.passed.length - this.head < this.limit;
  }

  take(now: number): void {
    this.expire(now);
    this.passed.push(now);
  }

  private expire(now: number): void {
    while (this.head < this.passed.length && this.passed[this.head]! <= now - this.windowMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.passed.length) {
      this.passed.splice(0, this.head);
      this.head = 0;
    }
  }
}
