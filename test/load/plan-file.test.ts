import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { buildLoadPlan } from '../../src/load/plan-file.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';
import type { ThrottleTarget } from '../../scenarios/lib/plan-types.ts';

const example = async () => {
  const config = await loadConfig(EXAMPLE_CONFIG, { envFiles: ['.env', '.env.example'] });
  const model = await loadSpec(config.specLocation);
  return { config, model, profile: resolveProfile(config, model) };
};

/** The examples declare token buckets only. */
const bucket = (t: ThrottleTarget) => t as Extract<ThrottleTarget, { rate: number }>;

describe('the load plan file', () => {
  it('throttle: one target per throttled operation with phases and bands, credentials only in the environment', async () => {
    const ex = await example();
    const built = await buildLoadPlan({ ...ex, stage: 'dev', scenario: 'throttle', durationS: 10 });
    const targets = built.plan.throttle!.targets;
    expect(targets.map((t) => [t.key, bucket(t).rate, bucket(t).burst])).toEqual([
      ['GET /health', 50, 20],
      ['POST /orders', 10, 5],
    ]);
    expect(targets[1]!.body).toBeDefined();
    expect(built.plan.signatures.throttled.statuses).toEqual([429]);
    expect(built.requests).toBeLessThanOrEqual(ex.config.load.maxRequests);
    const text = JSON.stringify(built.plan);
    for (const secret of Object.values(ex.config.stages.dev!.credentials.apiKeys)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization|x-api-key/i);
    expect(JSON.parse(built.env.GATEPROOF_K6_CREDENTIALS!)['POST /orders']).toMatchObject({
      'x-api-key': ex.config.stages.dev!.credentials.apiKeys.default,
      authorization: expect.stringMatching(/^Bearer /),
    });
  });

  it('slo: a weighted mix at the share of the limits; soak: half the share, four times as long, bounded by maxRequests', async () => {
    const ex = await example();
    const slo = await buildLoadPlan({ ...ex, stage: 'dev', scenario: 'slo' });
    const mix = slo.plan.mix!;
    expect(mix.operations.map((o) => o.key)).toContain('GET /admin/stats');
    expect(mix.sequence.length).toBe(mix.operations.reduce((n, o) => n + o.weight, 0));
    // POST /orders (10/s, weight 1 of 40) binds: 0.5 * 10 * 40 = 200/s.
    expect(mix.rate).toBe(200);
    expect(mix.durationS).toBe(15);
    const soak = await buildLoadPlan({ ...ex, stage: 'dev', scenario: 'soak' });
    expect(soak.plan.mix!.rate).toBe(100);
    expect(soak.plan.mix!.durationS).toBe(Math.min(60, Math.floor(5000 / 100)));
    const prod = await buildLoadPlan({ ...ex, stage: 'prod', scenario: 'slo' });
    expect(prod.plan.mix!.operations.map((o) => o.key)).not.toContain('GET /admin/stats');
  });

  it("throttle: targets sharing a usage plan's per-key bucket run one after the other, the others side by side", async () => {
    const ex = await example();
    const dev = ex.config.stages.dev!;
    const config = {
      ...ex.config,
      stages: {
        ...ex.config.stages,
        dev: {
          ...dev,
          operationThrottle: { ...dev.operationThrottle, 'GET /pets': { rate: 40, burst: 15 } },
          usagePlan: { throttle: { rate: 30, burst: 10 }, operationThrottle: {} },
        },
      },
    };
    const built = await buildLoadPlan({ ...ex, config, stage: 'dev', scenario: 'throttle', durationS: 8 });
    const byKey = Object.fromEntries(built.plan.throttle!.targets.map((t) => [t.key, t]));
    expect(Object.keys(byKey).sort()).toEqual(['GET /health', 'GET /pets', 'POST /orders']);
    // GET /pets binds at the plan's 30/10 (min of the method's 40/15 and the key's 30/10).
    expect([bucket(byKey['GET /pets']!).rate, bucket(byKey['GET /pets']!).burst]).toEqual([30, 10]);
    const end = (t: (typeof byKey)[string]) => t.recovery.startS + t.recovery.durationS;
    const [first, second] = [byKey['GET /pets']!, byKey['POST /orders']!].sort((a, b) => a.under.startS - b.under.startS);
    expect(first!.under.startS).toBe(0);
    expect(second!.under.startS).toBeGreaterThanOrEqual(end(first!) + 1);
    expect(byKey['GET /health']!.under.startS).toBe(0);
    expect(built.totalS).toBeCloseTo(end(second!), 5);
  });

  it('throttle: window targets carry their window; windows beyond the probe bound are left out with a note', async () => {
    const ex = await example();
    const dev = ex.config.stages.dev!;
    const stageWindow = { limit: 20, window: '1s', kind: 'fixed' as const };
    const config = {
      ...ex.config,
      stages: {
        ...ex.config.stages,
        dev: { ...dev, throttle: stageWindow, operationThrottle: { 'GET /pets': { limit: 1000, window: '1h', kind: 'fixed' as const } } },
      },
    };
    const built = await buildLoadPlan({ ...ex, config, stage: 'dev', scenario: 'throttle', durationS: 8 });
    expect(built.plan.throttle!.targets.map((t) => [t.key, 'limit' in t ? [t.limit, t.window, t.kind] : undefined])).toEqual([
      ['GET /health', [20, '1s', 'fixed']],
    ]);
    expect(built.notes).toEqual([expect.stringMatching(/^GET \/pets: left out, a 1h window takes up to two windows to refill/)]);
  });
});
