import type { Check } from '../domain/check.ts';
import { GateproofError } from '../domain/errors.ts';
import type { BudgetSummary } from '../domain/run-info.ts';
import { estimatedRequests, type Budget } from '../plan/budget.ts';

export interface BudgetSpend {
  /** Requests sent so far, every stage. */
  requests(): number;
  /** Milliseconds since the run started. */
  elapsedMs(): number;
}

/**
 * Holds a run to its --budget. The queues start checks in priority order (src/plan/budget.ts); each asks
 * here first and starts only if its estimated requests still fit: sent so far + the estimates of the checks
 * still running + its own (a request budget), or the time its requests take at the stage's rate of the
 * moment (a duration budget). Counting a running check both ways errs on the side of the budget.
 */
export class BudgetGuard {
  private running = 0;
  private admitted = 0;
  private readonly leftOut: Check[] = [];

  constructor(
    readonly budget: Budget,
    private readonly spend: BudgetSpend,
  ) {}

  /** Whether `check` may start; `rate` is the requests/s its stage is paced at now. */
  admit(check: Check, rate: number): boolean {
    const estimate = estimatedRequests(check);
    const fits =
      this.budget.kind === 'requests'
        ? this.spend.requests() + this.running + estimate <= this.budget.requests
        : this.spend.elapsedMs() + (estimate / rate) * 1000 <= this.budget.ms;
    if (!fits) {
      this.leftOut.push(check);
      return false;
    }
    this.admitted += 1;
    this.running += estimate;
    return true;
  }

  /** An admitted check finished (its requests are counted as sent now). */
  finished(check: Check): void {
    this.running -= estimatedRequests(check);
  }

  /** Why a check did not run, for its skipped result. */
  reason(): string {
    return `left out by --budget ${this.budget.text} (checks run by priority: bypass probes first)`;
  }

  summary(): BudgetSummary {
    const leftOutByKind: Record<string, number> = {};
    for (const c of this.leftOut) leftOutByKind[c.kind] = (leftOutByKind[c.kind] ?? 0) + 1;
    return {
      limit: this.budget.text,
      requests: this.spend.requests(),
      durationMs: Math.round(this.spend.elapsedMs()),
      leftOut: this.leftOut.length,
      leftOutByKind,
    };
  }

  /** Refuses, before anything is sent, a budget too small for the first check it would run (`rate`: its stage's starting pace). */
  static assertAdmitsAny(budget: Budget, first: Check, rate: number): void {
    if (new BudgetGuard(budget, { requests: () => 0, elapsedMs: () => 0 }).admit(first, rate)) return;
    throw new GateproofError('USAGE', `--budget ${budget.text} is too small for even the first check (${first.id}): nothing would be checked`, {
      hint: `raise the budget (that check needs about ${estimatedRequests(first)} requests at ${rate} requests/s)`,
    });
  }

  /** A budget that let nothing run checked nothing: never a silent green. */
  error(): string | undefined {
    if (this.admitted > 0 || this.leftOut.length === 0) return undefined;
    return `--budget ${this.budget.text} left out every one of the ${this.leftOut.length} checks: nothing was checked (raise the budget)`;
  }
}
