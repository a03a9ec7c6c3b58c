import type { Check } from '../domain/check.ts';
import { GateproofError } from '../domain/errors.ts';
import { JWT_KINDS, type CheckKind } from '../domain/kinds.ts';
import { plannedRequests } from './request-budget.ts';

/**
 * `--budget`: a bound on what a gate run may spend, in requests (`--budget 5000`) or wall time
 * (`--budget 60s`). Checks run in priority order (what a budget must never drop first) and the engine leaves
 * out what no longer fits; every left-out check is reported as skipped, saying so. Pure.
 */
export type Budget = { kind: 'requests'; requests: number; text: string } | { kind: 'duration'; ms: number; text: string };

const UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export function parseBudget(value: string): Budget {
  const text = value.trim();
  const requests = /^(\d+)$/.exec(text);
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  const hint = 'pass a number of requests (--budget 5000) or a duration (--budget 60s, --budget 2m)';
  if (!requests && !duration) throw new GateproofError('USAGE', `--budget "${value}" is neither a request count nor a duration`, { hint });
  const budget: Budget = requests
    ? { kind: 'requests', requests: Number(requests[1]), text: `${requests[1]} requests` }
    : { kind: 'duration', ms: Number(duration![1]) * UNITS_MS[duration![2] as keyof typeof UNITS_MS], text: `${duration![1]} ${duration![2]}` };
  if ((budget.kind === 'requests' ? budget.requests : budget.ms) <= 0) {
    throw new GateproofError('USAGE', `--budget ${value} leaves every check out: nothing would be checked`, { hint });
  }
  return budget;
}

/**
 * Priority tiers, first kept first: the probes that catch a route skipping its authorizer; requests that must
 * never reach a backend (other stages' keys, undeclared routes and methods, exposure, CORS); the token
 * checks of each authorizer; routing and answers; the serial throttle probes (expensive, and last anyway).
 */
const BYPASS_PROBES: ReadonlySet<string> = new Set(['auth.missing', 'auth.invalid-key', 'auth.path-variants', 'auth.implicit-methods']);
const MUST_NOT_REACH: ReadonlySet<string> = new Set(['stage.key-isolation', 'route.unknown', 'route.method', 'stage.exposure', 'route.cors']);
const TOKEN_CHECKS: ReadonlySet<string> = new Set(JWT_KINDS);

export function priorityOf(kind: CheckKind): number {
  if (BYPASS_PROBES.has(kind)) return 0;
  if (MUST_NOT_REACH.has(kind)) return 1;
  if (TOKEN_CHECKS.has(kind)) return 2;
  if (kind.startsWith('throttle.') || kind === 'stage.throttle-isolation') return 4;
  return 3;
}

/** The checks in the order a budget keeps them (stable: plan order within a tier). */
export const byPriority = <C extends Check>(checks: readonly C[]): C[] =>
  checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => priorityOf(a.check.kind) - priorityOf(b.check.kind) || a.index - b.index)
    .map((x) => x.check);

/** Path spellings auth.path-variants tries on a route (about; see src/checks/auth/variants.ts). */
const PATH_VARIANTS = 12;

/** About how many requests a check sends: what a request budget reserves before starting it. */
export function estimatedRequests(check: Check): number {
  switch (check.kind) {
    case 'auth.path-variants':
      return PATH_VARIANTS;
    case 'route.attribution':
    case 'stage.exposure':
      return 2;
    case 'stage.key-isolation':
      return Math.max(1, check.params.otherStages.length);
    case 'throttle.quota':
      return check.params.quota.limit + 5;
    default:
      return plannedRequests(check) ?? 1;
  }
}
