import type { GateproofConfigInput } from '../../../src/config/schema.ts';
import { UPSTREAM_HEADERS } from '../../helpers/upstream-backend.ts';
import type { HaproxyStage } from './haproxy-cfg.ts';

/**
 * The gateproof config a team would write for the HAProxy gateway: the `generic` profile told what HAProxy's
 * own answers look like (its built-in error pages: status, `<h1>` line, `cache-control: no-cache`), which
 * backend headers must not leak, the stages' credentials, the sliding-window limit, the operations it
 * validates, and the oracle the backend's debug headers give. Strict: HAProxy's exact pages are required, not
 * only warned about.
 */
const haproxyPage = (status: number, reason: string) => ({
  statuses: [status],
  body: `^<html><body><h1>${status} ${reason}</h1>`,
  headers: { 'cache-control': '^no-cache$' },
});

const HAPROXY_PROFILE = {
  base: 'generic',
  overrides: {
    unauthenticated: haproxyPage(401, 'Unauthorized'),
    forbidden: haproxyPage(403, 'Forbidden'),
    invalidKey: haproxyPage(403, 'Forbidden'),
    notFound: haproxyPage(404, 'Not Found'),
    methodNotAllowed: haproxyPage(405, 'Method Not Allowed'),
    throttled: haproxyPage(429, 'Too Many Requests'),
    badRequest: haproxyPage(400, 'Bad request'),
  },
  signature: { 'content-type': '^text/html$', 'cache-control': '^no-cache$' },
  leakHeaders: ['server', 'x-powered-by'],
  strict: true,
} as const satisfies GateproofConfigInput['profile'];

export interface GateConfigOptions {
  spec: string;
  seed: number;
  reportsDir: string;
  stages: HaproxyStage[];
  /** Operation keys the gateway validates. */
  validated: string[];
  /** The stage's backend identity (oracle.expect). */
  identity: (stage: HaproxyStage) => string;
}

export function gateConfig(opts: GateConfigOptions): Record<string, unknown> {
  return {
    spec: opts.spec,
    profile: HAPROXY_PROFILE,
    seed: opts.seed,
    reportsDir: opts.reportsDir,
    validation: { operations: opts.validated },
    stages: Object.fromEntries(opts.stages.map((s) => [s.name, stageConfig(s, opts.identity(s))])),
  };
}

function stageConfig(stage: HaproxyStage, identity: string): Record<string, unknown> {
  return {
    baseURL: `http://127.0.0.1:${stage.port}`,
    credentials: {
      apiKeys: { default: stage.apiKey },
      jwt: { issuer: stage.jwt.issuer, audience: stage.jwt.audience, alg: 'HS256', secret: stage.jwt.secret },
    },
    // http_req_rate(<period>) counts the requests of the last period: a sliding window.
    throttle: { limit: stage.window.limit, window: `${stage.window.seconds}s`, kind: 'sliding' },
    oracle: {
      type: 'header',
      name: UPSTREAM_HEADERS.identity,
      expect: identity,
      path: `header:${UPSTREAM_HEADERS.path}`,
      method: `header:${UPSTREAM_HEADERS.method}`,
      query: `header:${UPSTREAM_HEADERS.query}`,
    },
  };
}
