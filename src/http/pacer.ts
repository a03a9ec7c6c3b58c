/**
 * Client-side token buckets that keep the gate under the gateway's limits. A request waits until every
 * pacer that applies to it (the stage's, and its operation's when that is stricter) has a token, then takes
 * one from each at once: taking from one bucket while waiting on another would let the first run ahead.
 */

export interface PaceLimits {
  /** Requests per second the gate allows itself. */
  rate: number;
  /** Requests the gate may send back to back after an idle period. */
  burst: number;
}

export class Pacer {
  limits: PaceLimits;
  private tokens: number;
  private last: number;
  /** Requests that went through this pacer. */
  sent = 0;
  /** The least time the pacer allows for what it let through: 1/rate per request, at the rate of the moment. */
  floorMs = 0;

  constructor(limits: PaceLimits, now: number) {
    this.limits = { rate: limits.rate, burst: Math.max(1, limits.burst) };
    this.tokens = this.limits.burst;
    this.last = now;
  }

  /** Milliseconds until a token is available at `now` (0 when one is). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.limits.rate) * 1000;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
    this.sent += 1;
    this.floorMs += 1000 / this.limits.rate;
  }

  /**
   * A new rate from `now` on (an adaptive pace). Raised, the tokens earned so far are kept (up to the new
   * burst); lowered (a back-off), none are: right after a 429 the gateway's bucket is empty, and a burst
   * would only meet more 429s.
   */
  setLimits(limits: PaceLimits, now: number): void {
    this.refill(now);
    const lower = limits.rate < this.limits.rate;
    this.limits = { rate: limits.rate, burst: Math.max(1, limits.burst) };
    this.tokens = lower ? Math.min(this.tokens, 0) : Math.min(this.tokens, this.limits.burst);
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.last) / 1000) * this.limits.rate);
    this.last = now;
  }
}

/** The wait before all pacers have a token; takes them (and returns 0) when they do. Pure given `now`. */
export function tryTakeAll(pacers: readonly Pacer[], now: number): number {
  const wait = Math.max(0, ...pacers.map((p) => p.waitMs(now)));
  if (wait === 0) for (const p of pacers) p.take(now);
  return wait;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms)))),
};

/** Waits until every pacer has a token, then takes one from each. */
export async function acquireAll(pacers: readonly Pacer[], clock: Clock = realClock): Promise<void> {
  if (pacers.length === 0) return;
  for (;;) {
    const wait = tryTakeAll(pacers, clock.now());
    if (wait === 0) return;
    await clock.sleep(wait);
  }
}
