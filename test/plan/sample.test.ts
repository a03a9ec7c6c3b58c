import { describe, expect, it } from 'vitest';
import { bigApiSpec } from '../../bench/big-api.ts';
import { parseConfig } from '../../src/config/load.ts';
import { JWT_KINDS } from '../../src/domain/kinds.ts';
import { normalizeSpec } from '../../src/openapi/normalize.ts';
import { plan } from '../../src/plan/plan.ts';
import { jwtAuthorizerOf, sampleTokenRoutes, tokenSamplesOf, TOKEN_SAMPLE_SIZE } from '../../src/plan/sample.ts';
import { parseOnly } from '../../src/plan/select.ts';

const model = normalizeSpec(bigApiSpec(), 'bench://big-api');
const config = parseConfig(
  { spec: 'big.yaml', seed: 7, stages: { dev: { baseURL: 'http://127.0.0.1:1/dev' }, prod: { baseURL: 'http://127.0.0.1:1/prod' } } },
  '/virtual/gateproof.config.ts',
  { environment: {} },
);
const jwtRoutes = (authorizer: string) => model.operations.filter((op) => jwtAuthorizerOf(op) === authorizer).map((op) => op.key);

describe('token-validation checks on a seeded sample of each authorizer', () => {
  it('groups routes by the JWT authorizer they go through (the API key beside it does not matter)', () => {
    expect(jwtAuthorizerOf(model.operations.find((op) => op.security[0]?.length === 2)!)).toBe('partner_jwt');
    expect(new Set(model.operations.map(jwtAuthorizerOf))).toEqual(new Set([undefined, 'partner_jwt', 'staff_jwt']));
  });

  it('samples TOKEN_SAMPLE_SIZE routes per authorizer and stage, in spec order, and says how many it chose from', () => {
    const samples = sampleTokenRoutes(model.operations, 'dev', 7);
    expect(samples.map((s) => s.authorizer).sort()).toEqual(['partner_jwt', 'staff_jwt']);
    for (const s of samples) {
      const all = jwtRoutes(s.authorizer);
      expect(s.of).toBe(all.length);
      expect(s.of).toBeGreaterThan(TOKEN_SAMPLE_SIZE);
      expect(s.routes).toHaveLength(TOKEN_SAMPLE_SIZE);
      expect(s.routes).toEqual(all.filter((key) => s.routes.includes(key)));
    }
  });

  it('is reproducible from the seed, differs between seeds and stages, and is not reshuffled by another route', () => {
    const routes = (ops = model.operations, stage = 'dev', seed = 7) => sampleTokenRoutes(ops, stage, seed).flatMap((s) => s.routes);
    expect(routes()).toEqual(routes());
    expect(routes(model.operations, 'dev', 8)).not.toEqual(routes());
    expect(routes(model.operations, 'prod')).not.toEqual(routes());
    const dropped = model.operations.find((op) => jwtAuthorizerOf(op) && !routes().includes(op.key))!;
    expect(routes(model.operations.filter((op) => op !== dropped))).toEqual(routes());
  });

  it('takes every route with --exhaustive, and every route of an authorizer with few routes', () => {
    const all = sampleTokenRoutes(model.operations, 'dev', 7, true);
    for (const s of all) expect(s.routes).toEqual(jwtRoutes(s.authorizer));
    const few = model.operations.filter((op) => jwtAuthorizerOf(op) === 'staff_jwt').slice(0, 5);
    expect(sampleTokenRoutes(few, 'dev', 7)).toEqual([{ stage: 'dev', authorizer: 'staff_jwt', routes: few.map((op) => op.key), of: 5 }]);
  });
});

describe('the plan on a large spec', () => {
  const checks = plan(model, config, { only: parseOnly(['auth']) });
  const secured = model.operations.filter((op) => op.security.length > 0);

  it('keeps the probes that catch a route skipping its authorizer on every secured route of every stage', () => {
    for (const stage of ['dev', 'prod']) {
      for (const kind of ['auth.missing', 'auth.path-variants'] as const) {
        expect(checks.filter((c) => c.stage === stage && c.kind === kind).map((c) => c.operation)).toEqual(secured.map((op) => op.key));
      }
    }
  });

  it('runs the token-validation kinds only on the sampled routes, all six on each', () => {
    const samples = tokenSamplesOf(checks, model, config);
    expect(samples.map((s) => `${s.stage} ${s.authorizer}`)).toEqual(['dev partner_jwt', 'dev staff_jwt', 'prod partner_jwt', 'prod staff_jwt']);
    for (const kind of JWT_KINDS) {
      const planned = checks.filter((c) => c.kind === kind).map((c) => `${c.stage} ${c.operation}`);
      expect(planned.sort()).toEqual(samples.flatMap((s) => s.routes.map((r) => `${s.stage} ${r}`)).sort());
    }
    const exhaustive = plan(model, config, { only: parseOnly(['auth.expired-token']), exhaustive: true });
    expect(exhaustive).toHaveLength(2 * model.operations.filter((op) => jwtAuthorizerOf(op)).length);
  });

  it('lists no sample when no token-validation check is planned', () => {
    expect(tokenSamplesOf(plan(model, config, { only: parseOnly(['route']) }), model, config)).toEqual([]);
  });
});
