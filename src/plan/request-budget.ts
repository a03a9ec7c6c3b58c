import type { Check } from '../domain/check.ts';
import type { CheckKind } from '../domain/kinds.ts';
import type { ProbeBudget } from '../domain/limits.ts';

/** What a throttle check may send at most (its probes are bounded in requests and time); undefined for other kinds. */
export const probeBudgetOf = (check: Check): ProbeBudget | undefined => ('budget' in check.params ? check.params.budget : undefined);

/**
 * Requests a check sends, for kinds whose plan fixes the count (one per method or probe) or bounds it (a
 * throttle probe's budget); undefined otherwise.
 */
export function plannedRequests(check: Check): number | undefined {
  const probe = probeBudgetOf(check);
  if (probe) return probe.requests;
  switch (check.kind) {
    case 'auth.implicit-methods':
      return check.params.methods.length;
    case 'route.validation':
      return check.params.probes.length;
    default:
      return undefined;
  }
}

export interface KindBudget {
  kind: CheckKind;
  checks: number;
  requests: number;
}

/** The request budget per kind, over the kinds whose plan fixes it, in plan order. */
export function requestBudget(checks: readonly Check[]): KindBudget[] {
  const byKind = new Map<CheckKind, KindBudget>();
  for (const check of checks) {
    const requests = plannedRequests(check);
    if (requests === undefined) continue;
    const entry = byKind.get(check.kind) ?? { kind: check.kind, checks: 0, requests: 0 };
    entry.checks += 1;
    entry.requests += requests;
    byKind.set(check.kind, entry);
  }
  return [...byKind.values()];
}
