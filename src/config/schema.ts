import { z } from 'zod';
import { stringOrEnv } from './env.ts';

/**
 * The one schema of gateproof.config.ts: it gives the TypeScript types (z.input / z.output), the runtime
 * validation (with field paths in errors) and the JSON Schema for editors (`npm run schema`).
 */

/** Where the team's own checks are when the config does not say (contract). */
export const DEFAULT_CUSTOM_CHECKS = ['checks/**/*.spec.ts'] as const;

const operationRef = z
  .string()
  .regex(/^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|ANY) \/\S*$/, 'an operation is written "METHOD /path", e.g. "GET /pets/{petId}"');

const bucketLimits = z
  .object({
    rate: z.number().positive().describe('steady-state requests per second (AWS throttlingRateLimit)'),
    burst: z.number().int().nonnegative().describe('token bucket size (AWS throttlingBurstLimit)'),
  })
  .strict()
  .describe('token bucket (AWS, Envoy; NGINX limit_req burst=N nodelay)');

const windowLimits = z
  .object({
    limit: z.number().int().positive().describe('requests accepted per window'),
    window: z
      .string()
      .regex(/^[1-9]\d*(s|m|h)$/, "a window is a whole number of seconds, minutes or hours: '1s', '10s', '1m', '1h'")
      .describe("window length: '1s', '10s', '1m', '1h'"),
    kind: z
      .enum(['fixed', 'sliding'])
      .describe('fixed: counted per calendar window (Kong rate-limiting); sliding: at most `limit` in any window (HAProxy stick tables)'),
  })
  .strict()
  .describe('window limiter (Kong, HAProxy, Tyk, Apigee)');

const limits = z.union([bucketLimits, windowLimits], {
  error: "a limit is a token bucket { rate, burst } or a window { limit, window: '1s' | '1m' | '1h', kind: 'fixed' | 'sliding' }",
});

const quota = z
  .object({
    key: z.string().describe('name of the API key (in credentials.apiKeys) the quota applies to'),
    limit: z.number().int().positive(),
    period: z.enum(['DAY', 'WEEK', 'MONTH']).default('DAY'),
  })
  .strict();

const jwtCredentials = z
  .object({
    issuer: z.string().describe('iss the authorizer accepts'),
    audience: z.union([z.string(), z.array(z.string()).min(1)]).describe('aud the authorizer accepts'),
    alg: z.enum(['HS256', 'HS384', 'HS512', 'RS256', 'ES256']).default('HS256'),
    secret: stringOrEnv.optional().describe('shared secret for HS* algorithms (use env())'),
    privateKey: stringOrEnv.optional().describe('PKCS#8 PEM private key for RS256/ES256 (use env())'),
    kid: z.string().optional(),
    subject: z.string().default('gateproof'),
    scopes: z.array(z.string()).default([]),
    claims: z.record(z.string(), z.unknown()).default({}),
    token: stringOrEnv.optional().describe('a ready-made valid token, used when no signing material is given'),
    ttlSeconds: z.number().int().positive().default(300),
  })
  .strict()
  .refine((j) => j.token !== undefined || j.secret !== undefined || j.privateKey !== undefined, {
    message: 'give signing material (secret or privateKey) or a ready `token`',
  });

const lambdaAuthorizer = z
  .object({
    allow: z.array(stringOrEnv).default([]).describe("token values the local gateway's Lambda authorizer allows"),
    deny: z.array(stringOrEnv).default([]).describe('token values it explicitly denies (403 explicit deny)'),
    token: stringOrEnv.optional().describe('a token the gate sends as a valid credential'),
  })
  .strict();

const sigv4Credentials = z
  .object({
    accessKeyId: stringOrEnv.describe('access key id of the IAM principal the gate signs as (use env())'),
    secretAccessKey: stringOrEnv.describe('its secret access key (use env())'),
    sessionToken: stringOrEnv.optional().describe('session token of temporary credentials (use env())'),
    region: z.string().min(1).describe('region of the API, e.g. eu-west-1 (the credential scope)'),
    service: z.string().min(1).default('execute-api').describe('signing service name'),
  })
  .strict()
  .describe('SigV4 credentials for AWS_IAM (awsSigv4) routes');

const credentials = z
  .object({
    apiKeys: z.record(z.string(), stringOrEnv).default({}).describe('named API keys valid on this stage; `default` is used for normal requests'),
    jwt: jwtCredentials.optional(),
    lambda: lambdaAuthorizer.optional(),
    basic: z.object({ username: stringOrEnv, password: stringOrEnv }).strict().optional(),
    sigv4: sigv4Credentials.optional(),
    bearer: z
      .object({ token: stringOrEnv.describe('a valid token, sent as `Authorization: Bearer <token>` (use env())') })
      .strict()
      .optional()
      .describe(
        'an opaque bearer token, for routes whose tokens gateproof cannot mint (OAuth2 / OpenID Connect access tokens, http bearer without JWT); with it, no JWT claim is forged',
      ),
  })
  .strict();

const oracleField = (what: string) =>
  z
    .string()
    .regex(/^(header|body):\S+$/, 'an oracle field is written "header:<name>" or "body:<dotted.field>"')
    .optional()
    .describe(`where the backend shows the ${what} it received: "header:<name>" or "body:<dotted.field>"`);

const oracle = z
  .object({
    type: z.enum(['echo', 'header', 'body', 'none']).default('echo'),
    name: z.string().optional().describe('header name (type header) or JSON field (type body) carrying the backend identity'),
    expect: z.string().optional().describe("the value that identifies this stage's backend"),
    path: oracleField('path (parameters substituted; a query part is ignored)'),
    method: oracleField('method'),
    query: oracleField('query string (a=1&b=2, or a JSON object in a body field)'),
  })
  .strict()
  .refine((o) => o.type === 'header' || o.type === 'body' || (o.path === undefined && o.method === undefined && o.query === undefined), {
    message: 'oracle.path, oracle.method and oracle.query apply to oracle type "header" or "body" (the echo oracle carries the route itself)',
  });

const stage = z
  .object({
    baseURL: stringOrEnv.describe('URL of the stage including its stage/base path, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/prod'),
    protected: z.boolean().default(false).describe('refuse throttle and load runs unless --allow-protected'),
    credentials: credentials.default({ apiKeys: {} }),
    throttle: limits.optional().describe('stage-level limits (methodSettings */*)'),
    operationThrottle: z.record(operationRef, limits).default({}).describe('per-method limits (methodSettings /path/METHOD)'),
    usagePlan: z
      .object({ throttle: limits.optional(), operationThrottle: z.record(operationRef, limits).default({}) })
      .strict()
      .optional()
      .describe('usage-plan (per API key) limits'),
    quota: quota.optional(),
    oracle: oracle.default({ type: 'echo' }),
    variables: z.record(z.string(), z.string()).default({}).describe('stage variables'),
  })
  .strict();

const latency = z
  .object({
    p50: z.number().positive().optional(),
    p90: z.number().positive().optional(),
    p95: z.number().positive().optional(),
    p99: z.number().positive().optional(),
  })
  .strict();

const profileName = z.enum(['aws-rest', 'aws-http', 'kong', 'generic']);
const responseExpectation = z
  .object({
    statuses: z.array(z.number().int().min(100).max(599)).min(1).optional(),
    body: z.string().optional().describe('regular expression the body must match'),
    headers: z.record(z.string(), z.string()).optional().describe('header name -> regular expression'),
  })
  .strict();
export const rejectionKinds = ['unauthenticated', 'forbidden', 'invalidKey', 'throttled', 'quota', 'notFound', 'methodNotAllowed', 'badRequest'] as const;

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    spec: z.string().min(1).describe('OpenAPI/Swagger file path (relative to this config) or http(s) URL'),
    profile: z
      .union([
        profileName,
        z
          .object({
            base: profileName.default('aws-rest'),
            overrides: z.partialRecord(z.enum(rejectionKinds), responseExpectation).default({}),
            strict: z
              .boolean()
              .default(false)
              .describe("require the gateway's exact wording (body, error-type headers) on every rejection; otherwise a different wording is a warning"),
            signature: z
              .record(z.string(), z.string())
              .optional()
              .describe('headers (name -> regular expression) every gateway-generated error carries; {} when the gateway sends none'),
            leakHeaders: z.array(z.string()).optional().describe('backend identity headers that must not pass through the gateway (route.attribution)'),
          })
          .strict(),
      ])
      .default('aws-rest'),
    seed: z.number().int().default(1),
    stages: z
      .record(z.string().regex(/^[A-Za-z0-9_$-]+$/, 'stage names use letters, digits, _ and -'), stage)
      .refine((s) => Object.keys(s).length > 0, 'declare at least one stage'),
    exposure: z.record(operationRef, z.array(z.string()).min(1)).default({}).describe('operations deployed only on the listed stages'),
    validation: z
      .object({
        operations: z.union([z.literal('all'), z.array(operationRef).min(1)]).describe('operations whose requests the gateway validates, or "all"'),
        body: z.boolean().default(true).describe('the JSON body is validated against its schema'),
        parameters: z.boolean().default(true).describe('required query and header parameters are enforced'),
      })
      .strict()
      .optional()
      .describe("request validation the gateway enforces beyond the spec's AWS request validators (route.validation)"),
    slo: z
      .object({
        global: latency.default({}),
        operations: z.record(operationRef, latency).default({}),
        errorRate: z.number().min(0).max(1).default(0.01),
      })
      .strict()
      .default({ global: {}, operations: {}, errorRate: 0.01 }),
    pacing: z
      .object({
        share: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe('share of the declared rate (or, where none is declared, of the rate the gateway took) the smoke gate uses'),
        concurrency: z.number().int().positive().default(4),
        defaultRate: z.number().positive().default(20).describe('requests/s the adaptive pace starts at where a stage declares no limit'),
        maxRate: z
          .number()
          .positive()
          .default(50)
          .describe('ceiling of the adaptive pace on protected stages that declare no limit (requests/s): it never probes above'),
      })
      .strict()
      .default({ share: 0.5, concurrency: 4, defaultRate: 20, maxRate: 50 }),
    load: z
      .object({
        share: z.number().gt(0).max(1).default(0.5).describe('share of the declared rate the slo scenario drives'),
        duration: z
          .string()
          .regex(/^\d+(ms|s|m)$/)
          .default('20s'),
        maxRequests: z.number().int().positive().default(20_000),
      })
      .strict()
      .default({ share: 0.5, duration: '20s', maxRequests: 20_000 }),
    throttle: z
      .object({
        settleMs: z.number().int().nonnegative().default(0).describe('wait before throttle probes (AWS propagation)'),
        tolerance: z.number().gt(0).lt(1).default(0.3).describe('relative tolerance for estimated vs declared rate/burst'),
        coverageBudget: z
          .number()
          .int()
          .positive()
          .default(2000)
          .describe('requests throttle.coverage may send per stage (operations beyond it are listed as not covered)'),
      })
      .strict()
      .default({ settleMs: 0, tolerance: 0.3, coverageBudget: 2000 }),
    contracts: z
      .object({
        pactDir: z.string().default('contracts/pacts'),
        provider: z
          .string()
          .min(1)
          .optional()
          .describe("the provider's name in the pacts and the broker (default: the spec's title as a slug, e.g. orders-api)"),
        stateHandlers: z.string().optional().describe('module exporting provider-state handlers'),
      })
      .strict()
      .default({ pactDir: 'contracts/pacts' }),
    customChecks: z
      .array(z.string().min(1))
      .optional()
      .meta({ default: [...DEFAULT_CUSTOM_CHECKS] })
      .describe("the team's own Playwright checks: globs relative to this config (they import { test, expect } from 'gateproof/suites')"),
    reportsDir: z.string().default('reports'),
  })
  .strict();

export type GateproofConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type Limits = z.output<typeof limits>;
export type BucketLimits = z.output<typeof bucketLimits>;
export type WindowLimits = z.output<typeof windowLimits>;
export type ProfileName = z.output<typeof profileName>;

/** The built-in profile a config's `profile` names or builds on. */
export const profileBase = (config: Pick<ParsedConfig, 'profile'>): ProfileName => (typeof config.profile === 'string' ? config.profile : config.profile.base);
