import { bigApiSpec } from './big-api.ts';
import { parseConfig } from '../src/config/load.ts';
import type { Check } from '../src/domain/check.ts';
import type { CheckResult, Evidence, RunPart } from '../src/domain/result.ts';
import { normalizeSpec } from '../src/openapi/normalize.ts';
import { plan } from '../src/plan/plan.ts';
import { parseOnly } from '../src/plan/select.ts';

/**
 * The smoke part of a DigitalOcean-size run (660 operations, three stages, token checks on every route):
 * the real plan's checks with results shaped like the engine's (the texts, statuses and evidence a run
 * against the local gateway records), a few failures with full evidence. Deterministic. For the report
 * at 15,000 checks: its size, and how fast it opens (bench), and that it still works (test).
 */
const ORIGIN = 'http://127.0.0.1:4010';
const STAGES = ['dev', 'staging', 'prod'];

interface Shape {
  status: number;
  expected: string;
  actual: string;
  headers: string[];
  exchanges: number;
}

const REJECTED_401 = (defect: string): Shape => ({
  status: 401,
  expected: `${defect}: unauthenticated rejection (401), never the backend`,
  actual: '401 {"message":"Unauthorized"}',
  headers: ['x-api-key', 'authorization'],
  exchanges: 1,
});

const SHAPES: Record<string, (c: Check) => Shape> = {
  'auth.missing': () => ({
    status: 403,
    expected: 'without credentials: invalidKey rejection (403), never 2xx, never the backend',
    actual: '403 {"message":"Forbidden"}',
    headers: [],
    exchanges: 1,
  }),
  'auth.invalid-key': () => ({
    status: 403,
    expected: "an unknown API key of the real key's shape: invalidKey rejection (403), never the backend",
    actual: '403 {"message":"Forbidden"}',
    headers: ['x-api-key'],
    exchanges: 1,
  }),
  'auth.path-variants': () => ({
    status: 403,
    expected: 'every spelling of the route without credentials is refused (any 4xx) and never reaches the backend',
    actual: '11 spellings refused (403×11)',
    headers: [],
    exchanges: 11,
  }),
  'auth.malformed-token': () => REJECTED_401('a malformed token'),
  'auth.expired-token': () => REJECTED_401('an expired token'),
  'auth.wrong-audience': () => REJECTED_401('a token for another audience'),
  'auth.wrong-issuer': () => REJECTED_401('a token from another issuer'),
  'auth.bad-signature': () => REJECTED_401('a token with a forged signature'),
  'auth.alg-none': () => REJECTED_401('an unsigned (alg none) token'),
  'auth.public-open': () => ({
    status: 200,
    expected: '2xx without credentials (the operation is public)',
    actual: '200 {"object":"list","data":[{"description":"curso","amount":689,"currency":"usd","m…',
    headers: [],
    exchanges: 1,
  }),
  'route.mapped': (c) => ({
    status: 200,
    expected: `a valid request: documented status, content type and schema-valid body; backend "${c.stage}" saw ${c.target} (x-gateproof-echo header)`,
    actual: '200 {"object":"list","data":[{"description":"desolo","amount":689,"currency":"usd","…',
    headers: ['x-api-key'],
    exchanges: 1,
  }),
  'route.attribution': () => ({
    status: 403,
    expected: 'gateway errors carry x-amzn-errortype, x-amzn-requestid; no response carries server, x-powered-by',
    actual: 'error 403 {"message":"Forbidden"} — success 200 {"object":"list","data":[{"description":…',
    headers: [],
    exchanges: 2,
  }),
  'route.unknown': () => ({
    status: 403,
    expected: 'an undeclared path without credentials: notFound rejection (403), never a backend',
    actual: '403 {"message":"Missing Authentication Token"}',
    headers: [],
    exchanges: 1,
  }),
  'route.method': (c) => ({
    status: 403,
    expected: `${c.target.split(' ')[0]} on a path that does not declare it without credentials: methodNotAllowed rejection (403), never a backend`,
    actual: '403 {"message":"Missing Authentication Token"}',
    headers: [],
    exchanges: 1,
  }),
  'route.cors': () => ({
    status: 403,
    expected: 'a preflight from https://gateproof-untrusted.invalid is not granted (no reflected origin, no * with credentials)',
    actual: '403, no access-control-allow-origin',
    headers: ['origin'],
    exchanges: 1,
  }),
  'stage.key-isolation': (c) => ({
    status: 403,
    expected: `credentials of ${STAGES.filter((s) => s !== c.stage).join(', ')} are refused on ${c.stage}`,
    actual: `${STAGES.filter((s) => s !== c.stage)
      .map((s) => `${s}'s API key -> 403`)
      .join(', ')}`,
    headers: ['x-api-key'],
    exchanges: 2,
  }),
  'stage.routing': (c) => ({
    status: 200,
    expected: `answered by backend "${c.stage}" (x-gateproof-echo header)`,
    actual: '200 {"object":"list","data":[{"description":…',
    headers: ['x-api-key'],
    exchanges: 1,
  }),
};

/** A sampled-looking path for an operation: ids filled in per check, so request lines differ like a real run's. */
const concrete = (path: string, seed: number): string =>
  path.replace(/\{[^}]+\}/g, (_m, i: number) => `xm_${(seed * 7919 + i * 104_729).toString(36)}Q${(seed % 97).toString(36)}`);

function result(check: Check, n: number): CheckResult {
  const shape = (SHAPES[check.kind] ?? SHAPES['auth.missing']!)(check);
  const [method, path] = check.target.split(' ') as [string, string];
  const request = `${method} ${ORIGIN}/${check.stage}${concrete(path, n)}`;
  const requestHeaders = Object.fromEntries([
    ['user-agent', 'gateproof'],
    ...shape.headers.map((h) => [h, h === 'authorization' ? 'Bearer [REDACTED]' : '[REDACTED]']),
  ]);
  const evidence: Evidence[] = Array.from({ length: shape.exchanges }, (_, i) => ({
    request: i === 0 ? request : `${request}${'/'.repeat(i % 3)}`,
    requestHeaders,
    status: shape.status,
    durationMs: 1 + ((n + i) % 4),
  }));
  return {
    id: check.id,
    kind: check.kind,
    stage: check.stage,
    operation: check.target,
    status: 'passed',
    expected: shape.expected,
    actual: shape.actual,
    evidence,
    title: check.title,
    durationMs: 3 + (n % 40),
  };
}

/** A route skipping its authorizer, as the engine records it: full evidence, headers, the backend's body. */
function bypass(check: Check, n: number): CheckResult {
  const passed = result(check, n);
  const e = passed.evidence[0]!;
  const responseHeaders = {
    'content-type': 'application/json',
    'x-gateproof-echo': JSON.stringify({ backend: check.stage, method: check.target.split(' ')[0], path: e.request.split(`/${check.stage}`)[1], query: {} }),
    'x-amzn-requestid': `7c0f${n.toString(16).padStart(4, '0')}-1d2e-4f5a-8b9c-0d1e2f3a4b5c`,
    'x-amz-apigw-id': 'ePWtpHuhQya9fD4=',
  };
  return {
    ...passed,
    status: 'failed',
    actual: '200 {"object":"list","data":[…]}: the request reached the backend; answered 2xx',
    evidence: [
      {
        ...e,
        status: 200,
        responseHeaders,
        bodyExcerpt: JSON.stringify({
          object: 'list',
          data: Array.from({ length: 6 }, (_, i) => ({ id: `obj_${n}_${i}`, description: 'desolo', amount: 689 + i, currency: 'usd' })),
          has_more: true,
        }),
        note: 'reached the backend: x-gateproof-echo header present',
      },
    ],
  };
}

export function bigRunPart(total = 15_000, failures = 40): RunPart {
  const model = normalizeSpec(bigApiSpec(660), 'bench://big-api');
  const config = parseConfig(
    { spec: 'big.json', seed: 7, stages: Object.fromEntries(STAGES.map((s) => [s, { baseURL: `${ORIGIN}/${s}` }])) },
    '/virtual/gateproof.config.ts',
    { environment: {} },
  );
  const checks = plan(model, config, { only: parseOnly(['auth', 'route', 'stage']), exhaustive: true }).slice(0, total);
  const missing = checks.filter((c) => c.kind === 'auth.missing');
  const step = Math.max(1, Math.floor(missing.length / failures));
  const failing = new Set(
    missing
      .filter((_, i) => i % step === 0)
      .slice(0, failures)
      .map((c) => c.id),
  );
  const results = checks.map((c, i) => (failing.has(c.id) ? bypass(c, i) : result(c, i)));
  return { part: 'smoke', startedAt: '2026-11-29T10:00:00.000Z', durationMs: 88_000, target: ORIGIN, stages: STAGES, checks: results };
}
