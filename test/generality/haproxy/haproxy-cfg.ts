import { requiredKinds } from '../../../src/auth/classify.ts';
import { jsonBodySchema } from '../../../src/gateway/validation.ts';
import type { GatewayModel, JsonSchema, Operation } from '../../../src/openapi/model.ts';

/**
 * An HAProxy 2.6 configuration playing the API gateway for the test spec, one frontend (port) per stage:
 * - JWT routes: `http_auth_bearer`, `jwt_header_query('$.alg')` must be HS256, `jwt_verify` with the stage's
 *   secret, `exp` against `date`, `iss` and `aud` via `jwt_payload_query`; any failure is HAProxy's own 401;
 * - API-key routes: the `x-api-key` header looked up in a key map (key -> stage), the stage must be this one;
 *   failure is HAProxy's own 403;
 * - a public route; undeclared paths get HAProxy's own 404, undeclared methods its 405;
 * - a sliding-window limiter, the way HAProxy's documentation writes one: a stick table per frontend (stage)
 *   tracking the client address and its `http_req_rate` over the window (refused requests count too), 429
 *   above the limit; one counter for the whole stage, like a stage window in gateproof's config;
 * - request validation with ACLs on the validated operations (HAProxy has no JSON Schema validator): required
 *   query parameters present (`url_param`), the JSON body's required properties present and each property's
 *   value in its declared form (`req.body,json_query`: a string's pattern, enum or length, an integer's
 *   digits and range); failure is HAProxy's own 400. ACLs cannot list a body's properties, so a schema with
 *   `additionalProperties: false` (or nested objects) cannot be enforced: bodyRules refuses such a schema
 *   rather than pretend; and `json_query('$.x','int')` reads a string "3" as 3, a looser check than a schema;
 * - backend identity headers (Server, X-Powered-By) removed; the backend's debug headers pass.
 * HEAD is routed like GET (`METH_GET`), as HAProxy's predefined ACL does; auth applies to every method.
 * The gateway names the route it matched to the backend in `x-matched-route` (the operation key), the way a
 * backend learns its route from its gateway (the NGINX test does the same).
 * Each `Defect` is one real-world misconfiguration the gate must catch, planted on one stage's frontend.
 */
export interface HaproxyStage {
  name: string;
  port: number;
  backendPort: number;
  apiKey: string;
  jwt: { secret: string; issuer: string; audience: string };
  /** At most `limit` requests to the stage in any `seconds`-long window. */
  window: { limit: number; seconds: number };
}

/** Misconfigurations of one route. */
type OperationDefect =
  /** The route checks no credential at all (someone forgot to add it to the auth rules). */
  | 'auth-skipped'
  /** The route's path parameter is dropped on the way to the backend. */
  | 'drop-path-param'
  /** The route is left out of the stage's limiter (its requests are not tracked). */
  | 'limiter-skipped';

/** Misconfigurations of a whole stage. */
type StageDefect =
  /** Claims are checked, the signature is not (jwt_verify left out). */
  | 'jwt-unverified'
  | 'exp-unchecked'
  | 'aud-unchecked'
  /** Auth rules list GET/POST/PUT only, while METH_GET routes HEAD like GET. */
  | 'auth-listed-methods'
  /** The stage accepts any key of the key map, not only its own stage's keys. */
  | 'any-stage-key'
  /** Undeclared paths are forwarded to the backend. */
  | 'open-unknown'
  /** The backend's Server header passes through. */
  | 'leak-server'
  /** The validation rules are not in the frontend. */
  | 'validators-off'
  /** The limit is 50% higher than declared. */
  | 'loose-limit';

export type Defect = { name: OperationDefect; stage: string; operation: string } | { name: StageDefect; stage: string };

export const MATCHED_ROUTE_HEADER = 'x-matched-route';

export interface HaproxyOptions {
  stages: HaproxyStage[];
  /** File of `<api key> <stage>` lines (HAProxy map). */
  keyMapPath: string;
  /** Operation keys the gateway validates (the config's `validation.operations`). */
  validated: string[];
  defects?: Defect[];
}

export const keyMap = (stages: readonly HaproxyStage[]): string => stages.map((s) => `${s.apiKey} ${s.name}\n`).join('');

export function haproxyCfg(model: GatewayModel, opts: HaproxyOptions): string {
  const defects = opts.defects ?? [];
  for (const d of defects)
    if (!opts.stages.some((s) => s.name === d.stage))
      throw new Error(`defect ${d.name} is planted on stage ${d.stage}, which this configuration does not have`);
  return `global
  log stderr format raw local0 warning
  nbthread 1

defaults
  mode http
  log global
  option http-buffer-request
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout http-request 10s
  timeout http-keep-alive 30s

${opts.stages
  .map((stage) =>
    frontend(
      model,
      stage,
      opts,
      defects.filter((d) => d.stage === stage.name),
    ),
  )
  .join('\n')}`;
}

function frontend(model: GatewayModel, stage: HaproxyStage, opts: HaproxyOptions, defects: Defect[]): string {
  const has = (name: StageDefect): boolean => defects.some((d) => d.name === name);
  const onRoute = (name: OperationDefect, op: Operation): boolean => defects.some((d) => d.name === name && 'operation' in d && d.operation === op.key);
  const paths = [...new Set(model.operations.map((o) => o.path))];
  const routes = model.operations.map((op, i) => ({ op, id: `op${i}`, when: `{ var(txn.route) -m str op${i} }` }));
  const limit = has('loose-limit') ? Math.round(stage.window.limit * 1.5) : stage.window.limit;
  const ownKey = has('any-stage-key') ? '-m found' : `-m str ${stage.name}`;
  const listedMethods = has('auth-listed-methods') ? ' { method GET POST PUT }' : '';
  const untracked = routes.filter(({ op }) => onRoute('limiter-skipped', op)).map(({ id }) => ` !{ var(txn.route) -m str ${id} }`);
  const validated = has('validators-off') ? [] : routes.filter(({ op }) => opts.validated.includes(op.key));
  return [
    `frontend ${stage.name}`,
    `  bind 127.0.0.1:${stage.port}`,
    `  stick-table type ip size 1k expire ${stage.window.seconds * 10}s store http_req_rate(${stage.window.seconds}s)`,
    `  http-request del-header ${MATCHED_ROUTE_HEADER}`,
    ...paths.map((p, i) => `  acl path${i} path_reg ^${pathRegex(p)}$`),
    ...paths.map((p) => `  acl known_path path_reg ^${pathRegex(p)}$`),
    ...routes.map(({ op, id }) => `  http-request set-var(txn.route) str(${id}) if path${paths.indexOf(op.path)} ${methodAcl(op)}`),
    ...(has('open-unknown') ? [] : ['  http-request deny deny_status 404 if !known_path']),
    '  http-request deny deny_status 405 if known_path !{ var(txn.route) -m found }',
    ...routes.flatMap(({ op, when }) => {
      const scheme = authScheme(op);
      return scheme && !onRoute('auth-skipped', op) ? [`  http-request set-var(txn.auth) str(${scheme}) if ${when}`] : [];
    }),
    ...jwtRules(stage, has, listedMethods),
    `  http-request set-var(txn.key_stage) req.hdr(x-api-key),map(${opts.keyMapPath})`,
    `  http-request deny deny_status 403 if { var(txn.auth) -m str key }${listedMethods} !{ var(txn.key_stage) ${ownKey} }`,
    `  http-request track-sc0 src if { var(txn.route) -m found }${untracked.join('')}`,
    `  http-request deny deny_status 429 if { sc_http_req_rate(0) gt ${limit} }`,
    ...validated.flatMap(({ op, when }) => validationRules(op).map((condition) => `  http-request deny deny_status 400 if ${when} ${condition}`)),
    ...routes.map(({ op, when }) => `  http-request set-header ${MATCHED_ROUTE_HEADER} "${op.key}" if ${when}`),
    ...routes
      .filter(({ op }) => onRoute('drop-path-param', op))
      .map(({ op, when }) => `  http-request set-path ${op.path.replace(/\{[^}]+\}.*$/, '')} if ${when}`),
    ...(has('leak-server') ? [] : ['  http-response del-header server']),
    '  http-response del-header x-powered-by',
    `  default_backend ${stage.name}_app`,
    '',
    `backend ${stage.name}_app`,
    `  server app 127.0.0.1:${stage.backendPort}`,
    '',
  ].join('\n');
}

/**
 * The bearer token's checks, each its own rule so a defect removes exactly one. Variables are only set
 * from a present token; a missing one fails every check.
 */
function jwtRules(stage: HaproxyStage, has: (name: StageDefect) => boolean, authMethods: string): string[] {
  const deny = (condition: string): string => `  http-request deny deny_status 401 if { var(txn.auth) -m str jwt }${authMethods} ${condition}`;
  return [
    '  http-request set-var(txn.bearer) http_auth_bearer',
    "  http-request set-var(txn.jwt_alg) var(txn.bearer),jwt_header_query('$.alg')",
    "  http-request set-var(txn.jwt_iss) var(txn.bearer),jwt_payload_query('$.iss')",
    "  http-request set-var(txn.jwt_aud) var(txn.bearer),jwt_payload_query('$.aud')",
    "  http-request set-var(txn.jwt_exp) var(txn.bearer),jwt_payload_query('$.exp','int')",
    '  http-request set-var(txn.now) date',
    deny('!{ var(txn.bearer) -m found }'),
    deny('!{ var(txn.jwt_alg) -m str HS256 }'),
    ...(has('jwt-unverified') ? [] : [deny(`!{ var(txn.bearer),jwt_verify(txn.jwt_alg,"${stage.jwt.secret}") -m int 1 }`)]),
    ...(has('exp-unchecked') ? [] : [deny('!{ var(txn.jwt_exp),sub(txn.now) -m int gt 0 }')]),
    deny(`!{ var(txn.jwt_iss) -m str ${stage.jwt.issuer} }`),
    ...(has('aud-unchecked') ? [] : [deny(`!{ var(txn.jwt_aud) -m str ${stage.jwt.audience} }`)]),
  ];
}

/** ACL conditions, each of which makes a request to a validated operation invalid (400). */
function validationRules(op: Operation): string[] {
  const parameters = op.parameters
    .filter((p) => p.required && (p.in === 'query' || p.in === 'header'))
    .map((p) => (p.in === 'query' ? `!{ url_param(${p.name}) -m found }` : `!{ req.hdr(${p.name}) -m found }`));
  const schema = jsonBodySchema(op);
  return [...parameters, ...(op.requestBody?.required ? ['!{ req.body_len gt 0 }'] : []), ...(schema ? bodyRules(op.key, schema) : [])];
}

/**
 * The JSON body's checks on a flat object schema: each required property present, each present property's
 * value in its declared form. Throws on what ACLs cannot check.
 */
function bodyRules(operation: string, schema: JsonSchema): string[] {
  const unsupported = (what: string): Error => new Error(`${operation}: HAProxy ACLs cannot validate ${what}; the test gateway validates flat objects only`);
  if (schema.type !== 'object' || !schema.properties) throw unsupported(`a ${String(schema.type)} body`);
  if (schema.additionalProperties === false) throw unsupported('additionalProperties: false (json_query cannot list a body’s properties)');
  const required = (schema.required as string[] | undefined) ?? [];
  return Object.entries(schema.properties as Record<string, JsonSchema>).flatMap(([name, property]) => {
    const form = valueForm(property);
    if (!form) throw unsupported(`property "${name}" (${JSON.stringify(property)})`);
    const value = `req.body,json_query('$.${name}'${property.type === 'integer' ? ",'int'" : ''})`;
    const present = `{ ${value} -m found }`;
    return [...(required.includes(name) ? [`!${present}`] : []), ...form.map((match) => `${present} !{ ${value} ${match} }`)];
  });
}

/** The matches a property's value must pass (ACL match methods), or undefined for a form ACLs cannot check. */
function valueForm(property: JsonSchema): string[] | undefined {
  const bounds = (method: string, min: unknown, max: unknown): string[] => [
    ...(typeof min === 'number' ? [`-m ${method} ge ${min}`] : []),
    ...(typeof max === 'number' ? [`-m ${method} le ${max}`] : []),
  ];
  if (property.type === 'string') {
    const forms = [
      ...(typeof property.pattern === 'string' ? [`-m reg '${property.pattern}'`] : []),
      ...(Array.isArray(property.enum) ? [`-m str ${property.enum.join(' ')}`] : []),
      ...bounds('len', property.minLength, property.maxLength),
    ];
    return forms.length > 0 ? forms : undefined;
  }
  if (property.type === 'integer') return ["-m reg '^-?[0-9]+$'", ...bounds('int', property.minimum, property.maximum)];
  return undefined;
}

/** The one credential an operation asks for (this test gateway knows a JWT or an API key, not both at once). */
function authScheme(op: Operation): 'jwt' | 'key' | undefined {
  const kinds = requiredKinds(op);
  if (kinds.length > 1) throw new Error(`${op.key}: the HAProxy test gateway checks one credential per route, not ${kinds.join(' + ')}`);
  return kinds[0] === 'jwt' ? 'jwt' : kinds[0] === 'apiKey' ? 'key' : undefined;
}

/** GET routes take HEAD too (HAProxy's METH_GET), the way most HAProxy configurations are written. */
const methodAcl = (op: Operation): string => (op.method === 'GET' ? 'METH_GET' : `{ method ${op.method} }`);

const pathRegex = (template: string): string => template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
