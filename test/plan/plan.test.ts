import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import type { Check } from '../../src/domain/check.ts';
import { CHECK_KINDS } from '../../src/domain/kinds.ts';
import { plan } from '../../src/plan/plan.ts';
import { parseOnly } from '../../src/plan/select.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel } from '../../src/openapi/model.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';

let config: GateproofConfig;
let model: GatewayModel;
beforeAll(async () => {
  config = await loadConfig(EXAMPLE_CONFIG, { environment: exampleEnv() });
  model = await loadSpec(config.specLocation);
});

describe('plan', () => {
  it('covers every gate kind on both stages of the examples', () => {
    const checks = plan(model, config);
    const gateKinds = CHECK_KINDS.filter((k) => !k.startsWith('contract.') && !k.startsWith('load.'));
    for (const stage of ['dev', 'prod']) {
      const kinds = new Set(checks.filter((c) => c.stage === stage).map((c) => c.kind));
      expect([...gateKinds].filter((k) => !kinds.has(k))).toEqual([]);
    }
  });

  it('ids follow <stage>:<kind>:<METHOD> <path>, are unique, and titles are readable', () => {
    const checks = plan(model, config);
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
    for (const c of checks) expect(c.id).toBe(`${c.stage}:${c.kind}:${c.target}`);
    expect(checks.find((c) => c.id === 'prod:auth.expired-token:GET /orders/{orderId}')?.title).toBe('[prod] GET /orders/{orderId} › auth.expired-token');
  });

  it('is pure and deterministic: same inputs, same checks in the same order', () => {
    expect(JSON.stringify(plan(model, config))).toBe(JSON.stringify(plan(model, config)));
  });

  it('derives checks from security: JWT kinds only where a JWT authorizer applies, public-open for security: []', () => {
    const checks = plan(model, config, { stages: ['dev'] });
    const kindsFor = (op: string) => checks.filter((c) => c.operation === op && !c.serial).map((c) => c.kind);
    expect(kindsFor('GET /pets')).toEqual(
      expect.arrayContaining(['auth.missing', 'auth.invalid-key', 'auth.path-variants', 'stage.key-isolation', 'route.mapped']),
    );
    expect(kindsFor('GET /pets')).not.toContain('auth.expired-token');
    expect(kindsFor('GET /orders/{orderId}')).toEqual(expect.arrayContaining(['auth.expired-token', 'auth.alg-none', 'auth.wrong-audience']));
    expect(kindsFor('GET /orders/{orderId}')).not.toContain('auth.invalid-key');
    expect(kindsFor('GET /health')).toEqual(['auth.public-open', 'route.mapped']);
    expect(kindsFor('GET /owners/{ownerId}')).toEqual(expect.arrayContaining(['auth.missing', 'auth.path-variants']));
  });

  it("IAM (SigV4) routes: unsigned, forged and stale signatures, path variants and the other stage's key; no API key or token kinds", () => {
    const checks = plan(model, config, { stages: ['dev'] });
    const kinds = checks.filter((c) => c.operation === 'PUT /inventory/{sku}').map((c) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['auth.missing', 'auth.bad-signature', 'auth.expired-token', 'auth.path-variants', 'route.mapped', 'stage.key-isolation']),
    );
    for (const kind of ['auth.invalid-key', 'auth.malformed-token', 'auth.wrong-audience', 'auth.wrong-issuer', 'auth.alg-none'])
      expect(kinds).not.toContain(kind);
  });

  it('stage exposure: the dev-only operation is present on dev, absent on prod and not otherwise planned there', () => {
    const checks = plan(model, config);
    const exposure = (id: string) => checks.find((c): c is Check<'stage.exposure'> => c.id === id && c.kind === 'stage.exposure');
    expect(exposure('dev:stage.exposure:GET /admin/stats')?.params.expectPresent).toBe(true);
    expect(exposure('prod:stage.exposure:GET /admin/stats')?.params.expectPresent).toBe(false);
    expect(checks.filter((c) => c.stage === 'prod' && c.operation === 'GET /admin/stats').map((c) => c.kind)).toEqual(['stage.exposure']);
  });

  it('throttle kinds run serially after everything else and carry the declared limits', () => {
    const checks = plan(model, config);
    const firstSerial = checks.findIndex((c) => c.serial);
    expect(checks.slice(firstSerial).every((c) => c.serial)).toBe(true);
    const burst = checks.filter((c): c is Check<'throttle.burst'> => c.kind === 'throttle.burst');
    expect(burst.map((c) => [c.stage, c.operation, c.params.limits])).toEqual([
      ['dev', expect.stringMatching(/^GET /), { rate: 50, burst: 20, scope: 'stage' }],
      ['dev', 'POST /orders', { rate: 10, burst: 5, scope: 'operation' }],
      ['prod', expect.stringMatching(/^GET /), expect.objectContaining({ scope: 'stage' })],
    ]);
    expect(checks.find((c) => c.kind === 'throttle.quota' && c.stage === 'prod')?.params).toMatchObject({ quota: { key: 'quota', limit: 5 } });
    expect(config.stages.prod!.protected).toBe(true);
  });

  it('every throttle probe carries its bound in requests and seconds', () => {
    const probes = plan(model, config).filter((c) => c.serial && c.kind !== 'throttle.quota');
    for (const c of probes) {
      const budget = 'budget' in c.params ? c.params.budget : undefined;
      expect(budget, c.id).toBeDefined();
      expect(budget!.requests, c.id).toBeGreaterThan(0);
      expect(budget!.seconds, c.id).toBeGreaterThan(0);
    }
  });

  it('throttle.coverage: every limited operation, grouped by the limiter it shares, within the budget', () => {
    const coverage = plan(model, config).filter((c): c is Check<'throttle.coverage'> => c.kind === 'throttle.coverage');
    expect(coverage.map((c) => c.id)).toEqual(['dev:throttle.coverage:*', 'prod:throttle.coverage:*']);
    const [dev, prod] = coverage.map((c) => c.params);
    // dev: AWS token buckets, one per method (the stage default) and POST /orders' own: every operation alone.
    expect(dev!.groups.every((g) => g.operations.length === 1)).toBe(true);
    expect(dev!.groups.flatMap((g) => g.operations).sort()).toEqual(model.operations.map((o) => o.key).sort());
    expect(dev!.groups.find((g) => g.operations[0] === 'POST /orders')).toMatchObject({
      limiter: 'operation POST /orders',
      limits: { rate: 10, burst: 5, scope: 'operation' },
    });
    // prod: the usage plan's bucket (40, smaller than the stage's 50) binds every keyed operation, shared per key.
    const plan40 = prod!.groups.find((g) => g.limiter === 'usage plan')!;
    expect([...plan40.operations].sort()).toEqual(
      model.operations
        .filter((o) => o.apiKeyRequired && o.key !== 'GET /admin/stats')
        .map((o) => o.key)
        .sort(),
    );
    expect(plan40.operations[0]).toMatch(/^GET /);
    expect(plan40.limits).toEqual({ rate: 80, burst: 40, scope: 'usagePlan' });
    expect(prod!.budget.requests).toBe(prod!.groups.reduce((n, g) => n + g.requests, 0));
    expect(prod!.budget.requests).toBeLessThanOrEqual(config.throttle.coverageBudget);
    expect(dev!.notCovered).toEqual([]);
  });

  it('throttle.coverage leaves out what the budget cannot take, and windows too long to probe, saying why', () => {
    const small = { ...config, throttle: { ...config.throttle, coverageBudget: 150 } };
    const dev = plan(model, small, { stages: ['dev'] }).find((c): c is Check<'throttle.coverage'> => c.kind === 'throttle.coverage')!.params;
    expect(dev.budget.requests).toBeLessThanOrEqual(150);
    expect(dev.groups.length).toBeGreaterThan(0);
    expect(dev.notCovered.length).toBe(model.operations.length - dev.groups.length);
    expect(dev.notCovered[0]!.reason).toMatch(/over the request budget: .* (\d+) of 150 were left \(throttle\.coverageBudget\)/);
    const hourly = { ...config, stages: { dev: { ...config.stages.dev!, throttle: { limit: 1000, window: '1h', kind: 'fixed' as const } } } };
    const windowed = plan(model, hourly).filter((c) => c.stage === 'dev' && c.serial);
    const cov = windowed.find((c): c is Check<'throttle.coverage'> => c.kind === 'throttle.coverage')!.params;
    expect(cov.notCovered.find((n) => n.operation === 'GET /pets')!.reason).toMatch(/1h window takes up to two windows to refill/);
    expect(cov.groups.map((g) => g.limiter)).toEqual(['operation POST /orders']);
  });

  it('route.method tries a method the path does not declare', () => {
    const checks = plan(model, config, { stages: ['dev'], only: parseOnly(['route.method']) });
    for (const c of checks) {
      const [method, path] = c.target.split(' ');
      expect(model.operations.some((o) => o.path === path && o.method === method)).toBe(false);
    }
    expect(checks.map((c) => c.target)).toContain('PATCH /pets');
  });

  it('auth.implicit-methods: one check per secured path, named by its GET (else its first secured operation)', () => {
    const checks = plan(model, config, { stages: ['dev'], only: parseOnly(['auth.implicit-methods']) }) as Check<'auth.implicit-methods'>[];
    expect(checks.map((c) => [c.target, c.params.path, c.params.methods.join(',')])).toEqual([
      ['GET /pets', '/pets', 'HEAD,OPTIONS,TRACE'],
      ['GET /pets/{petId}', '/pets/{petId}', 'HEAD,OPTIONS,TRACE'],
      ['GET /owners/{ownerId}', '/owners/{ownerId}', 'HEAD,OPTIONS,TRACE'],
      ['POST /orders', '/orders', 'HEAD,OPTIONS,TRACE'],
      ['GET /orders/{orderId}', '/orders/{orderId}', 'HEAD,OPTIONS,TRACE'],
      ['GET /files/{proxy+}', '/files/{proxy+}', 'HEAD,OPTIONS,TRACE'],
      ['GET /admin/stats', '/admin/stats', 'HEAD,OPTIONS,TRACE'],
      ['PUT /inventory/{sku}', '/inventory/{sku}', 'HEAD,OPTIONS,TRACE'],
    ]);
  });

  it('route.validation: the operations AWS validators cover, with their probes; unvalidated ones as warnings', () => {
    const validation = (c: { kind: string; params: unknown }) => (c as Check<'route.validation'>).params;
    const checks = plan(model, config, { stages: ['dev'], only: parseOnly(['route.validation']) });
    expect(
      checks.map((c) => [
        c.target,
        validation(c).validation?.source,
        validation(c)
          .probes.map((p) => p.kind)
          .join(','),
      ]),
    ).toEqual([
      ['POST /pets', 'x-amazon-apigateway-request-validator all', 'empty-body,missing-property,wrong-type,extra-property'],
      ['PUT /pets/{petId}', 'x-amazon-apigateway-request-validator all', 'empty-body,missing-property,wrong-type,extra-property'],
      ['POST /orders', 'x-amazon-apigateway-request-validator all', 'empty-body,missing-property,wrong-type,extra-property'],
      ['PUT /inventory/{sku}', 'x-amazon-apigateway-request-validator all', 'empty-body,missing-property,wrong-type,extra-property'],
    ]);
    const generic = { ...config, profile: 'generic' as const, validation: { operations: ['POST /orders'], body: true, parameters: true } };
    const elsewhere = plan(model, generic, { stages: ['dev'], only: parseOnly(['route.validation']) });
    expect(elsewhere.map((c) => [c.target, validation(c).validation?.source ?? 'warning', validation(c).probes.length])).toEqual([
      ['POST /pets', 'warning', 0],
      ['PUT /pets/{petId}', 'warning', 0],
      ['POST /orders', 'config validation', 4],
      ['PUT /inventory/{sku}', 'warning', 0],
    ]);
  });

  it('--stage and --only restrict the plan', () => {
    const checks = plan(model, config, { stages: ['prod'], only: parseOnly(['stage,auth.missing']) });
    expect(new Set(checks.map((c) => c.stage))).toEqual(new Set(['prod']));
    expect(new Set(checks.map((c) => c.family === 'stage' || c.kind === 'auth.missing'))).toEqual(new Set([true]));
  });

  it('--only rejects unknown names with the list of valid ones', () => {
    expect(() => parseOnly(['auth,bogus'])).toThrow(/unknown family or kind "bogus"/);
  });
});
