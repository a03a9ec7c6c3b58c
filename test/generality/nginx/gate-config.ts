import type { GateproofConfigInput } from '../../../src/config/schema.ts';
import type { NginxStage } from './nginx-conf.ts';

/**
 * The gateproof config a team would write for the NGINX gateway: the `generic` profile told what this NGINX
 * answers (its JSON error bodies, `WWW-Authenticate` on a 401, `Server: nginx` on everything it sends; an
 * undeclared method is refused by `limit_except` with 403), strict: the exact answers are required, not only
 * warned about. Then the stages' credentials, the token bucket `limit_req ... burst=N nodelay` enforces per
 * route, the operations it validates, and the oracle the backends' debug headers give.
 */
const nginxAnswer = (status: number, message: string) => ({ statuses: [status], body: `^\\{"message":"${message}"\\}$` });

const NGINX_PROFILE = {
  base: 'generic',
  overrides: {
    unauthenticated: { ...nginxAnswer(401, 'Unauthorized'), headers: { 'www-authenticate': '^Bearer ' } },
    forbidden: nginxAnswer(403, 'Forbidden'),
    invalidKey: nginxAnswer(403, 'Forbidden'),
    notFound: nginxAnswer(404, 'Not Found'),
    methodNotAllowed: nginxAnswer(403, 'Forbidden'),
    throttled: nginxAnswer(429, 'Too Many Requests'),
    badRequest: nginxAnswer(400, '(Invalid request body|Missing required request parameters: \\[\\w+\\])'),
  },
  signature: { server: '^nginx$' },
  leakHeaders: ['x-powered-by'],
  strict: true,
} as const satisfies GateproofConfigInput['profile'];

export interface GateConfigOptions {
  spec: string;
  seed: number;
  reportsDir: string;
  /** NGINX's address; each stage is a path prefix on it. */
  port: number;
  stages: NginxStage[];
  /** Operation keys the gateway validates. */
  validated: string[];
}

export function gateConfig(opts: GateConfigOptions): Record<string, unknown> {
  return {
    spec: opts.spec,
    profile: NGINX_PROFILE,
    seed: opts.seed,
    reportsDir: opts.reportsDir,
    validation: { operations: opts.validated },
    stages: Object.fromEntries(
      opts.stages.map((s) => [
        s.name,
        {
          baseURL: `http://127.0.0.1:${opts.port}/${s.name}`,
          credentials: {
            apiKeys: { default: s.apiKey },
            jwt: { issuer: s.jwt.issuer, audience: s.jwt.audience, alg: 'HS256', secret: s.jwt.secret },
          },
          // limit_req keyed by method and route: a token bucket per route, like a stage's AWS method throttling;
          // `burst=N nodelay` takes N requests at once beyond the one the rate allows: a bucket of N+1.
          throttle: { rate: s.bucket.rate, burst: s.bucket.burst + 1 },
          oracle: {
            type: 'header',
            name: 'x-backend',
            expect: s.name,
            method: 'header:x-backend-method',
            path: 'header:x-backend-uri',
            query: 'header:x-backend-uri',
          },
        },
      ]),
    ),
  };
}
