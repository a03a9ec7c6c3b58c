import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import type { Check } from '../../src/domain/check.ts';
import { GateproofError } from '../../src/domain/errors.ts';
import { BudgetGuard } from '../../src/engine/budget-guard.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { byPriority, estimatedRequests, parseBudget, priorityOf } from '../../src/plan/budget.ts';
import { plan } from '../../src/plan/plan.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';

let checks: Check[];
let config: GateproofConfig;
beforeAll(async () => {
  config = await loadConfig(EXAMPLE_CONFIG, { environment: exampleEnv() });
  checks = plan(await loadSpec(config.specLocation), config);
});

describe('--budget', () => {
  it('reads a request count or a duration', () => {
    expect(parseBudget('5000')).toEqual({ kind: 'requests', requests: 5000, text: '5000 requests' });
    expect(parseBudget('60s')).toEqual({ kind: 'duration', ms: 60_000, text: '60 s' });
    expect(parseBudget('2m')).toMatchObject({ kind: 'duration', ms: 120_000 });
    expect(parseBudget('1500ms')).toMatchObject({ kind: 'duration', ms: 1500 });
  });

  it.each(['', 'lots', '-5', '60 sec', '1e3'])('refuses %j with a usage error naming both forms', (value) => {
    expect(() => parseBudget(value)).toThrow(GateproofError);
    expect(() => parseBudget(value)).toThrow(/--budget .* is neither a request count nor a duration/);
  });

  it.each(['0', '0s'])('refuses %s: it would leave every check out', (value) => {
    expect(() => parseBudget(value)).toThrow(/leaves every check out/);
  });
});

describe('priorities', () => {
  it('puts the probes that catch a route skipping its authorizer first and the throttle probes last, plan order within a tier', () => {
    const ordered = byPriority(checks);
    expect(ordered).toHaveLength(checks.length);
    const tiers = ordered.map((c) => priorityOf(c.kind));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    expect(new Set(ordered.slice(0, tiers.filter((t) => t === 0).length).map((c) => c.kind))).toEqual(
      new Set(['auth.missing', 'auth.invalid-key', 'auth.path-variants', 'auth.implicit-methods']),
    );
    expect(ordered.at(-1)!.serial).toBe(true);
    const missing = ordered.filter((c) => c.kind === 'auth.missing').map((c) => c.id);
    expect(missing).toEqual(checks.filter((c) => c.kind === 'auth.missing').map((c) => c.id));
  });
});

describe('BudgetGuard', () => {
  it('admits checks while their estimated requests fit beside what was sent and what is still running', () => {
    let sent = 0;
    const guard = new BudgetGuard(parseBudget('20'), { requests: () => sent, elapsedMs: () => 0 });
    const ordered = byPriority(checks);
    const pathVariants = ordered.find((c) => c.kind === 'auth.path-variants')!;
    const missing = ordered.find((c) => c.kind === 'auth.missing')!;
    expect(guard.admit(pathVariants, 25)).toBe(true);
    expect(guard.admit(pathVariants, 25)).toBe(false); // 12 running + 12 > 20
    guard.finished(pathVariants);
    sent = 12;
    expect(guard.admit(missing, 25)).toBe(true);
    expect(guard.summary()).toEqual({ limit: '20 requests', requests: 12, durationMs: 0, leftOut: 1, leftOutByKind: { 'auth.path-variants': 1 } });
    expect(guard.error()).toBeUndefined();
  });

  it('admits by time on a duration budget, at the stage pace of the moment', () => {
    let elapsed = 0;
    const guard = new BudgetGuard(parseBudget('1s'), { requests: () => 0, elapsedMs: () => elapsed });
    const pathVariants = checks.find((c) => c.kind === 'auth.path-variants')!;
    expect(guard.admit(pathVariants, 25)).toBe(true); // 12 requests at 25/s: 480 ms
    elapsed = 600;
    expect(guard.admit(pathVariants, 25)).toBe(false);
    expect(guard.admit(pathVariants, 100)).toBe(true);
  });

  it('is an error, not a green run, when it leaves every check out', () => {
    const guard = new BudgetGuard(parseBudget('3'), { requests: () => 0, elapsedMs: () => 0 });
    const pathVariants = checks.find((c) => c.kind === 'auth.path-variants')!;
    expect(guard.admit(pathVariants, 25)).toBe(false);
    expect(guard.error()).toMatch(/--budget 3 requests left out every one of the 1 checks: nothing was checked/);
    expect(() => BudgetGuard.assertAdmitsAny(parseBudget('3'), pathVariants, 25)).toThrow(/too small for even the first check/);
    expect(() => BudgetGuard.assertAdmitsAny(parseBudget('12'), pathVariants, 25)).not.toThrow();
  });

  it('estimates the throttle probes from their declared limits (burst + 3 x rate at most)', () => {
    const burst = checks.find((c): c is Check<'throttle.burst'> => c.kind === 'throttle.burst')!;
    expect(estimatedRequests(burst)).toBe(Math.ceil(burst.params.limits.burst + 3 * burst.params.limits.rate) + 24);
  });
});
