/**
 * A usage-plan quota for one API key on one stage: `limit` requests per calendar period (UTC), counted on
 * methods that require a key. Once used up every further request gets 429 Limit Exceeded until the period ends.
 */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export class Quota {
  private used = 0;
  private resetAt: number;

  constructor(
    readonly limit: number,
    readonly period: QuotaPeriod,
    private readonly clock: () => number = Date.now,
  ) {
    this.resetAt = periodEnd(this.clock(), period);
  }

  /** Counts one request; false when the quota is already used up. */
  consume(): boolean {
    const now = this.clock();
    if (now >= this.resetAt) {
      this.used = 0;
      this.resetAt = periodEnd(now, this.period);
    }
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }
}

/** End (exclusive, ms) of the UTC day / ISO week (Monday start) / month containing `now`. */
export function periodEnd(now: number, period: QuotaPeriod): number {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  if (period === 'MONTH') return Date.UTC(y, m + 1, 1);
  if (period === 'WEEK') {
    const sinceMonday = (d.getUTCDay() + 6) % 7;
    return Date.UTC(y, m, day - sinceMonday + 7);
  }
  return Date.UTC(y, m, day + 1);
}
