import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, RunPart, ThrottleData, LoadData } from '../../src/domain/result.ts';

/** Distinctive credential values planted raw in the synthetic parts (as a part writer that forgot to redact would). */
export const SECRETS = {
  apiKey: 'gpk_SECRET_a9f3Qz7LmW2xR8vT4nB6',
  jwtSecret: 'jwt-SECRET-Hx4Nq9Pz2Lw7Kd3Rv8Tm5Yc1',
  partnerToken: 'partner-SECRET-Zq8Wm3Xn6Bv1Lk4Jh7',
} as const;

const T0 = Date.parse('2026-11-21T09:30:00.000Z');
const iso = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

const check = (stage: string, kind: CheckResult['kind'], operation: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id: `${stage}:${kind}:${operation}`,
  kind,
  stage,
  operation,
  status,
  expected: extra.expected ?? 'the profile’s unauthenticated response (401/403), never 2xx',
  actual: extra.actual ?? (status === 'passed' ? '403 Forbidden with x-amzn-ErrorType: MissingAuthenticationTokenException' : 'skipped'),
  evidence: extra.evidence ?? [],
  title: `[${stage}] ${operation} › ${kind}`,
  durationMs: 40,
  ...extra,
});

const OPS = ['GET /pets', 'POST /pets', 'GET /pets/{petId}', 'DELETE /pets/{petId}', 'GET /orders', 'POST /orders', 'GET /admin/stats'];

/** A failing auth check whose evidence carries the raw secrets and a hostile body. */
export const BYPASS_ID = 'dev:auth.missing:DELETE /pets/{petId}';

function smokePart(): RunPart {
  const checks: CheckResult[] = [];
  for (const stage of ['dev', 'prod']) {
    for (const operation of OPS) {
      if (stage === 'dev' && operation === 'DELETE /pets/{petId}') {
        checks.push(
          check(stage, 'auth.missing', operation, 'failed', {
            expected: 'the profile’s unauthenticated response (401/403), never 2xx',
            actual: '204 No Content: the route answered without credentials',
            evidence: [
              {
                request: 'DELETE http://127.0.0.1:4010/dev/pets/42',
                requestHeaders: { accept: 'application/json', 'x-debug-key': SECRETS.apiKey },
                status: 204,
                responseHeaders: { 'content-type': 'application/json', 'x-amzn-requestid': 'c0ffee-1234', 'x-echo-auth': `Bearer ${SECRETS.jwtSecret}` },
                bodyExcerpt: `{"deleted":42,"note":"</script><script>window.__pwned=1</script><img src=x onerror=alert(1)>","token":"${SECRETS.partnerToken}"}`,
                durationMs: 18,
                note: 'reached the backend: x-gateproof-echo header present',
              },
            ],
          }),
        );
      } else {
        checks.push(check(stage, 'auth.missing', operation, 'passed', { evidence: [{ request: `GET http://127.0.0.1:4010/${stage}/x`, status: 403 }] }));
      }
      checks.push(check(stage, 'auth.invalid-key', operation, 'passed'));
      checks.push(
        check(stage, 'route.mapped', operation, stage === 'prod' && operation === 'GET /admin/stats' ? 'skipped' : 'passed', {
          expected: 'a documented status with a schema-valid body',
          actual: '200 application/json, body valid',
        }),
      );
    }
    for (const kind of ['auth.expired-token', 'auth.wrong-audience', 'auth.alg-none'] as const) {
      checks.push(
        check(
          stage,
          kind,
          'POST /orders',
          stage === 'dev' && kind === 'auth.wrong-audience' ? 'failed' : 'passed',
          stage === 'dev' && kind === 'auth.wrong-audience'
            ? {
                expected: '401 Unauthorized',
                actual: '201 Created: a token for audience "someone-else" was accepted',
                evidence: [
                  {
                    request: 'POST http://127.0.0.1:4010/dev/orders',
                    requestHeaders: { authorization: `Bearer eyJhbGciOiJIUzI1NiJ9.${SECRETS.jwtSecret}` },
                    status: 201,
                    bodyExcerpt: '{"orderId":"o-77","status":"placed"}',
                  },
                ],
              }
            : {},
        ),
      );
    }
    checks.push(
      check(stage, 'route.unknown', 'GET /nope', 'passed', { expected: '404/403 gateway response', actual: '403 MissingAuthenticationTokenException' }),
    );
    checks.push(
      check(
        stage,
        'route.attribution',
        'GET /pets',
        stage === 'prod' ? 'failed' : 'passed',
        stage === 'prod'
          ? {
              expected: 'no backend identity headers',
              actual: 'Server: nginx/1.25.3 and X-Powered-By: Express leaked',
              evidence: [
                { request: 'GET http://127.0.0.1:4010/prod/pets', status: 200, responseHeaders: { server: 'nginx/1.25.3', 'x-powered-by': 'Express' } },
              ],
            }
          : {},
      ),
    );
    checks.push(check(stage, 'stage.key-isolation', 'GET /pets', 'passed', { expected: 'other stage key rejected', actual: '403 Forbidden' }));
    checks.push(
      check(stage, 'stage.exposure', 'GET /admin/stats', 'passed', {
        expected: stage === 'dev' ? 'present' : 'absent',
        actual: stage === 'dev' ? '200' : '403 MissingAuthenticationToken',
      }),
    );
  }
  return {
    part: 'smoke',
    startedAt: iso(0),
    durationMs: 14_200,
    target: 'http://127.0.0.1:4010',
    stages: ['dev', 'prod'],
    checks,
    links: { playwright: 'playwright-report/index.html' },
  };
}

function timeline(rate: number, burst: number, offered: number, slices: number, sliceMs: number): ThrottleData['timeline'] {
  let tokens = burst;
  return Array.from({ length: slices }, (_, i) => {
    tokens = Math.min(burst, tokens + (i === 0 ? 0 : (rate * sliceMs) / 1000));
    const accepted = Math.min(offered, Math.floor(tokens));
    tokens -= accepted;
    return { tMs: i * sliceMs, accepted, throttled: offered - accepted };
  });
}

function throttlePart(): RunPart {
  const burst: ThrottleData = {
    type: 'throttle',
    declared: { rate: 50, burst: 20 },
    estimated: { rate: 48.6, burst: 21 },
    requests: 40,
    timeline: [{ tMs: 0, accepted: 21, throttled: 19 }],
  };
  const rate: ThrottleData = {
    type: 'throttle',
    declared: { rate: 10, burst: 5 },
    estimated: { rate: 17.9, burst: 6 },
    requests: 24 * 20,
    timeline: timeline(18, 6, 20, 24, 500),
  };
  return {
    part: 'throttle',
    startedAt: iso(15_000),
    durationMs: 21_000,
    target: 'http://127.0.0.1:4010',
    stages: ['dev'],
    checks: [
      check('dev', 'throttle.burst', 'GET /pets', 'passed', {
        expected: '≈20 accepted of 40, 429 for the rest',
        actual: '21 accepted, 19 × 429 with x-amzn-ErrorType: ThrottlingException',
        data: burst,
      }),
      check('dev', 'throttle.rate', 'POST /orders', 'failed', {
        expected: 'rate ≈ 10 req/s (±30%)',
        actual: 'estimated 17.9 req/s (+79%): the method limit is not enforced',
        data: rate,
        evidence: [{ request: 'POST http://127.0.0.1:4010/dev/orders', status: 201, note: '480 requests over 12 s, 215 throttled' }],
      }),
      check('dev', 'throttle.recovery', 'GET /pets', 'passed', { expected: '2xx again within 1.2 s', actual: '2xx after 420 ms' }),
      check('prod', 'throttle.burst', 'GET /pets', 'skipped', { expected: 'burst behaviour', actual: 'prod is protected: pass --allow-protected' }),
    ],
  };
}

function contractsPart(): RunPart {
  const verify = (stage: string, interaction: string, operation: string, ok: boolean): CheckResult =>
    check(stage, 'contract.verify', operation, ok ? 'passed' : 'failed', {
      id: `${stage}:contract.verify:${operation}:${interaction}`,
      title: `petstore-web → ${interaction}`,
      expected: ok ? 'response matches the pact' : 'status 200 with body.items[*].name',
      actual: ok ? 'verified' : 'status 200, body.items[0] has no "name" (got "title")',
      evidence: ok ? [] : [{ request: `GET http://127.0.0.1:4010/${stage}/pets?limit=2`, status: 200, bodyExcerpt: '{"items":[{"id":1,"title":"Rex"}]}' }],
    });
  return {
    part: 'contracts',
    startedAt: iso(37_000),
    durationMs: 6_000,
    target: 'http://127.0.0.1:4010',
    stages: ['dev', 'prod'],
    checks: [
      verify('dev', 'a list of two pets', 'GET /pets', false),
      verify('dev', 'a pet by id', 'GET /pets/{petId}', true),
      verify('dev', 'placing an order', 'POST /orders', true),
      verify('prod', 'a list of two pets', 'GET /pets', true),
      verify('prod', 'a pet by id', 'GET /pets/{petId}', true),
      check('dev', 'contract.spec', 'GET /pets', 'passed', {
        id: 'dev:contract.spec:GET /pets:a list of two pets',
        title: 'petstore-web → a list of two pets (spec)',
        expected: 'interaction valid against the OpenAPI operation',
        actual: 'valid',
      }),
      check('dev', 'contract.spec', 'POST /orders', 'passed', {
        id: 'dev:contract.spec:POST /orders:placing an order',
        title: 'petstore-web → placing an order (spec)',
        expected: 'interaction valid against the OpenAPI operation',
        actual: 'valid',
      }),
    ],
  };
}

function loadPart(): RunPart {
  const percentiles: LoadData['percentiles'] = [
    { operation: 'GET /pets', p50: 42, p90: 96, p95: 131, p99: 288, slo: { p95: 150, p99: 400 } },
    { operation: 'GET /pets/{petId}', p50: 38, p90: 84, p95: 118, p99: 240, slo: { p95: 250, p99: 600 } },
    { operation: 'POST /orders', p50: 120, p90: 260, p95: 342, p99: 690, slo: { p95: 300 } },
    { operation: 'all', p50: 51, p90: 140, p95: 198, p99: 455, slo: { p95: 250, p99: 600 } },
  ];
  const threshold = (metric: string, expr: string, value: number, ok: boolean): CheckResult =>
    check('dev', 'load.threshold', metric, ok ? 'passed' : 'failed', {
      id: `dev:load.threshold:${metric} ${expr}`,
      expected: expr,
      actual: `${value}`,
      data: { type: 'load', scenario: 'slo', metric, threshold: expr, value, percentiles } satisfies LoadData,
    });
  return {
    part: 'load-slo',
    startedAt: iso(44_000),
    durationMs: 16_000,
    target: 'http://127.0.0.1:4010',
    stages: ['dev'],
    checks: [
      threshold('http_req_duration{op:GET /pets}', 'p(95)<150', 131, true),
      threshold('http_req_duration{op:POST /orders}', 'p(95)<300', 342, false),
      threshold('http_req_duration', 'p(99)<600', 455, true),
      threshold('http_req_failed', 'rate<0.01', 0.002, true),
    ],
    links: { k6: 'k6/slo-dashboard.html' },
  };
}

export const syntheticParts = (): RunPart[] => [smokePart(), throttlePart(), contractsPart(), loadPart()];

/** A temp reports folder with one run whose parts are written raw (unredacted, as a careless part writer would). */
export function writeSyntheticRun(
  parts: RunPart[] = syntheticParts(),
  runId = '20261121T093000Z-1',
  reportsDir = mkdtempSync(join(tmpdir(), 'gateproof-report-')),
): { reportsDir: string; dir: string; runId: string } {
  const dir = join(reportsDir, runId);
  mkdirSync(join(dir, 'parts'), { recursive: true });
  for (const part of parts) writeFileSync(join(dir, 'parts', `${part.part}.json`), JSON.stringify(part, null, 2));
  return { reportsDir, dir, runId };
}
