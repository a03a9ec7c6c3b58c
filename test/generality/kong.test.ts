import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, GateReport } from '../../src/domain/result.ts';
import { ResponseCatalog } from '../../src/emulator/catalog.ts';
import { startEchoBackend, type EchoBackend } from '../../src/emulator/echo-backend.ts';
import { OP_HEADER } from '../../src/gateway/echo-protocol.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel, Operation } from '../../src/openapi/model.ts';
import { runCli } from '../helpers/cli.ts';
import { startKongStandIn, type KongPlugin, type KongRoute, type KongStandIn, type KongVersion } from './kong/stand-in.ts';

/**
 * Generality: the gate with `profile: 'kong'` against Kong's own answers. No Kong on this machine: the gateway
 * is kong/stand-in.ts, a real HTTP server that answers as Kong's source says (file and commit named there),
 * configured per stage the way a team configures Kong: one route per operation (methods, a regex path), the
 * key-auth and jwt plugins (claims_to_verify: exp) where the spec's security asks for them, each stage its own
 * consumers. A clean setup: no false alarm, in Kong 3.9's words and in Kong 1.0's (the 403s of the issue). The
 * one finding on a clean setup is real: Kong's open-source jwt plugin never checks `aud`. Planted defects (a
 * route without auth, a route accepting expired tokens) fail the intended kinds on those routes only.
 */
const SPEC = new URL('./kong/openapi.yaml', import.meta.url).pathname;
const SEED = 11;
const STAGES = ['dev', 'prod'] as const;
const credentials = (stage: string) => ({
  apiKey: `kong-${stage}-key-7f3c21`,
  jwtKey: `${stage}-consumer-iss`,
  jwtSecret: `kong-${stage}-jwt-secret-9d41be77`,
});

/** Kong's rate-limiting on each stage's service (`second`) and the window the gate config declares. */
interface Limiting {
  second: number;
  declared: number;
}

interface Defects {
  /** An operation whose route has no auth plugin. */
  noAuth?: string;
  /** An operation whose jwt plugin does not verify `exp`. */
  acceptsExpired?: string;
}

function routesFor(model: GatewayModel, defects: Defects): KongRoute[] {
  return model.operations.map((op) => {
    const schemes = (op.security[0] ?? []).map((i) => i.scheme.type);
    const auth: KongPlugin[] =
      op.key === defects.noAuth
        ? []
        : [
            ...(schemes.includes('http')
              ? [{ name: 'jwt' as const, claimsToVerify: op.key === defects.acceptsExpired ? [] : (['exp'] as ('exp' | 'nbf')[]) }]
              : []),
            ...(schemes.includes('apiKey') ? [{ name: 'key-auth' as const }] : []),
          ];
    return {
      name: op.key,
      methods: [op.method],
      paths: [`~${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`],
      plugins: [
        ...auth,
        // What a team adds around a backend: the echo's operation header in, its X-Powered-By out.
        { name: 'request-transformer', addHeaders: { [OP_HEADER]: op.key } },
        { name: 'response-transformer', removeHeaders: ['X-Powered-By'] },
      ],
    };
  });
}

describe("the gate against Kong (stand-in from Kong's source), profile kong", () => {
  let model: GatewayModel;
  const echoes: Record<string, EchoBackend> = {};

  beforeAll(async () => {
    model = await loadSpec(SPEC);
    const catalog = new ResponseCatalog(SEED, model.specVersion);
    const lookup = (key: string | undefined) => {
      const op = model.operations.find((o: Operation) => o.key === key);
      return op ? catalog.successOf(op) : undefined;
    };
    for (const stage of STAGES) echoes[stage] = await startEchoBackend(stage, lookup);
  });

  afterAll(async () => {
    await Promise.all(Object.values(echoes).map((e) => e.close()));
  });

  async function gate(
    version: KongVersion,
    defects: Defects = {},
    limiting?: Limiting,
    only = 'auth,route,stage',
  ): Promise<{ checks: CheckResult[]; report: GateReport; output: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'gp-kong-'));
    const kongs: KongStandIn[] = [];
    try {
      const stages: Record<string, unknown> = {};
      for (const stage of STAGES) {
        const c = credentials(stage);
        const kong = await startKongStandIn({
          version,
          routes: routesFor(model, defects),
          consumers: [{ keyAuth: [c.apiKey], jwtSecrets: [{ key: c.jwtKey, secret: c.jwtSecret, algorithm: 'HS256' }] }],
          upstream: { host: echoes[stage]!.host, port: echoes[stage]!.port },
          ...(limiting ? { rateLimiting: { second: limiting.second } } : {}),
        });
        kongs.push(kong);
        stages[stage] = {
          baseURL: kong.url,
          credentials: { apiKeys: { default: c.apiKey }, jwt: { issuer: c.jwtKey, audience: 'pets-api', alg: 'HS256', secret: c.jwtSecret } },
          oracle: { type: 'echo', expect: stage },
          ...(limiting ? { throttle: { limit: limiting.declared, window: '1s', kind: 'fixed' } } : {}),
        };
      }
      const config = join(dir, 'gateproof.config.json');
      writeFileSync(config, JSON.stringify({ spec: SPEC, profile: 'kong', seed: SEED, reportsDir: join(dir, 'reports'), stages }));
      const r = await runCli(['smoke', '--config', config, '--only', only], { timeoutMs: 170_000 });
      const report = JSON.parse(readFileSync(join(dir, 'reports', 'latest', 'gate.json'), 'utf8')) as GateReport;
      // gateproof's own example checks (suites/custom) still run in every gate (the adoption issue moves them).
      return { checks: report.checks.filter((c) => !c.operation.startsWith('custom: ')), report, output: r.stdout + r.stderr };
    } finally {
      await Promise.all(kongs.map((k) => k.close()));
    }
  }

  const failedIds = (checks: CheckResult[]): string[] =>
    checks
      .filter((c) => c.status === 'failed')
      .map((c) => c.id)
      .sort();
  const jwtOperations = ['GET /pets/{petId}', 'POST /orders'];
  const audienceFindings = STAGES.flatMap((s) => jwtOperations.map((o) => `${s}:auth.wrong-audience:${o}`)).sort();

  it.each(['3.9', '1.0'] as const)(
    'Kong %s, clean: every check passes but the real finding (Kong never checks aud), said as such',
    async (version) => {
      const { checks, report, output } = await gate(version);
      expect(failedIds(checks), output).toEqual(audienceFindings);
      for (const finding of checks.filter((c) => c.status === 'failed'))
        expect(finding.actual).toContain("Kong's open-source jwt plugin does not check the `aud` claim at all");
      const passedKinds = new Set(checks.filter((c) => c.status === 'passed').map((c) => c.kind));
      for (const kind of [
        'auth.missing',
        'auth.invalid-key',
        'auth.malformed-token',
        'auth.expired-token',
        'auth.wrong-issuer',
        'auth.bad-signature',
        'auth.alg-none',
        'auth.path-variants',
        'auth.public-open',
        'route.mapped',
        'route.unknown',
        'route.method',
        'route.attribution',
        'route.cors',
        'stage.key-isolation',
        'stage.routing',
      ])
        expect(passedKinds, kind).toContain(kind);
      // Operations nothing declares validated are route.validation warnings by design (Kong validates nothing here).
      expect(
        checks.filter((c) => c.status === 'skipped' && !(c.kind === 'route.validation' && c.actual.startsWith('warning: '))).map((c) => `${c.id}: ${c.actual}`),
      ).toEqual([]);
      // Kong's real answers are the profile's: no wording warning. Each version answered in its own words.
      expect(report.warnings.filter((w) => /wording/.test(w.message))).toEqual([]);
      const actual = (id: string): string => checks.find((c) => c.id === id)?.actual ?? '';
      const refused = version === '3.9' ? 401 : 403;
      expect(actual('dev:auth.wrong-issuer:GET /pets/{petId}')).toMatch(new RegExp(`^${refused} \\{"message":"No credentials found for given 'iss'"\\}`));
      expect(actual('dev:auth.bad-signature:GET /pets/{petId}')).toMatch(new RegExp(`^${refused} \\{"message":"Invalid signature"\\}`));
      expect(actual('dev:auth.expired-token:GET /pets/{petId}')).toBe('401 {"exp":"token expired"}');
      expect(actual('dev:auth.invalid-key:GET /pets')).toMatch(
        version === '3.9' ? /^401 \{ "message":"Unauthorized", "request_id":"[0-9a-f]{32}" \}/ : /^403 \{"message":"Invalid authentication credentials"\}/,
      );
      expect(actual('dev:route.unknown:GET /gateproof-undeclared-route')).toMatch(/^404 \{ ?"message":"no Route matched with those values"/);
    },
    180_000,
  );

  it('a route left without its auth plugin fails auth.missing (and the token checks) on that route only', async () => {
    const { checks, output } = await gate('3.9', { noAuth: 'GET /pets/{petId}' });
    const failed = failedIds(checks).filter((id) => !audienceFindings.includes(id));
    for (const stage of STAGES) expect(failed, output).toContain(`${stage}:auth.missing:GET /pets/{petId}`);
    expect(
      failed.filter((id) => !id.endsWith(':GET /pets/{petId}')),
      output,
    ).toEqual([]);
  }, 180_000);

  it('a route whose jwt plugin does not verify exp fails auth.expired-token on that route only', async () => {
    const { checks, output } = await gate('3.9', { acceptsExpired: 'GET /pets/{petId}' });
    expect(
      failedIds(checks).filter((id) => !audienceFindings.includes(id)),
      output,
    ).toEqual(STAGES.map((s) => `${s}:auth.expired-token:GET /pets/{petId}`));
  }, 180_000);

  // The false alarm: Kong's rate-limiting counts per fixed calendar second, not a token bucket.
  const throttleKinds = ['throttle.burst', 'throttle.rate', 'throttle.recovery', 'stage.throttle-isolation', 'throttle.coverage'];

  it('Kong 3.9 rate-limiting (second: 10, limit_by ip) declared as a fixed window of 10 per 1s: every throttle check passes', async () => {
    const { checks, output } = await gate('3.9', {}, { second: 10, declared: 10 }, 'throttle,stage');
    expect(failedIds(checks), output).toEqual([]);
    const passed = checks.filter((c) => c.status === 'passed').map((c) => c.kind);
    for (const kind of throttleKinds) expect(passed, `${kind}\n${output}`).toContain(kind);
    const burst = checks.find((c) => c.id === 'dev:throttle.burst:GET /health')!;
    expect(burst.actual).toMatch(/accepted in one window \d+ \(declared 10, allowed/);
  }, 180_000);

  it('Kong rate-limiting at second: 20 where 10 per 1s is declared fails throttle.burst and throttle.rate', async () => {
    const { checks, output } = await gate('3.9', {}, { second: 20, declared: 10 }, 'throttle');
    const failed = failedIds(checks);
    for (const stage of STAGES) {
      expect(failed, output).toContain(`${stage}:throttle.burst:GET /health`);
      expect(failed, output).toContain(`${stage}:throttle.rate:GET /health`);
    }
    expect(
      failed.filter((id) => !/:throttle\.(burst|rate|recovery):/.test(id)),
      output,
    ).toEqual([]);
  }, 180_000);
});
