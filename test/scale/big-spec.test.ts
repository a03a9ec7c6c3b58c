import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_API_ENV, bigApiSpec, writeBigApi } from '../../bench/big-api.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { normalizeSpec } from '../../src/openapi/normalize.ts';
import { jwtAuthorizerOf } from '../../src/plan/sample.ts';
import { runCli } from '../helpers/cli.ts';
import { spawnGateway, type GatewayProcess } from '../helpers/gateway-process.ts';

/**
 * Detection at scale: on the Stripe-size spec, with the token checks on a sample of each authorizer's routes
 * and an adaptive pace (the gate's config declares no limit), a route that skips its authorizer is still
 * caught, on its own route, by the per-route probes: an API-key route, and a JWT route the token sample
 * did not pick. Nothing else fails.
 */
const model = normalizeSpec(bigApiSpec(), 'bench://big-api');
const keyRoute = model.operations.find(
  (op) => op.method === 'GET' && op.path.endsWith('{id}') && op.security[0]?.map((i) => i.scheme.name).join() === 'api_key',
)!;
const jwtRoutes = model.operations.filter((op) => jwtAuthorizerOf(op) === 'partner_jwt');

describe('a route skipping its authorizer on a 417-operation API', () => {
  let gateway: GatewayProcess;
  let report: GateReport;
  let code: number;
  let jwtRoute: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-big-spec-'));
    const gatewayConfig = writeBigApi(dir, 'gateway', { baseURL: 'http://127.0.0.1:1' });
    // The token sample on dev, as the plan draws it, to bypass a JWT route outside it.
    const planned = await runCli(['plan', '--config', gatewayConfig, '--stage', 'dev', '--only', 'auth.expired-token', '--json'], { env: BIG_API_ENV });
    const sampled = new Set((JSON.parse(planned.stdout) as { sampling: { routes: string[] }[] }).sampling.flatMap((s) => s.routes));
    jwtRoute = jwtRoutes.find((op) => !sampled.has(op.key))!.key;
    gateway = await spawnGateway(gatewayConfig, [`auth-bypass:${keyRoute.key}`, `auth-bypass:${jwtRoute}`], BIG_API_ENV);
    const gateConfig = writeBigApi(dir, 'gate', { baseURL: gateway.url, reportsDir: join(dir, 'reports') });
    ({ code } = await runCli(['smoke', '--config', gateConfig, '--only', 'auth', '--stage', 'dev'], { cwd: dir, env: BIG_API_ENV, timeoutMs: 300_000 }));
    report = JSON.parse(readFileSync(join(realpathSync(join(dir, 'reports', 'latest')), 'gate.json'), 'utf8')) as GateReport;
  }, 360_000);
  afterAll(() => gateway?.close());

  it('fails the gate on auth.missing of both routes, and on nothing but those routes', () => {
    expect(code).toBe(1);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.id)).toEqual(expect.arrayContaining([`dev:auth.missing:${keyRoute.key}`, `dev:auth.missing:${jwtRoute}`]));
    expect([...new Set(failed.map((c) => c.operation))].sort()).toEqual([keyRoute.key, jwtRoute].sort());
    expect(report.checks.length).toBeGreaterThan(1000);
  });

  it('caught the JWT route although its token checks were not sampled on it', () => {
    expect(report.sampling?.every((s) => !s.routes.includes(jwtRoute))).toBe(true);
    expect(report.checks.some((c) => c.kind === 'auth.expired-token' && c.operation === jwtRoute)).toBe(false);
  });

  it('paced itself without a declared limit, and no check failed for it', () => {
    const dev = report.pacing?.stages.dev;
    expect(dev?.adaptive).toMatchObject({ startRate: 20, share: 0.5 });
    expect(report.checks.filter((c) => c.status === 'failed' && / 429 /.test(c.actual))).toEqual([]);
  });
});
