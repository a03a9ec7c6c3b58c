import { requiredKinds } from '../../../src/auth/classify.ts';
import { jsonBodySchema } from '../../../src/gateway/validation.ts';
import type { GatewayModel, Operation } from '../../../src/openapi/model.ts';
import { groupByPath } from '../../../src/plan/stage-plan.ts';

/**
 * An NGINX configuration playing the gateway for the test spec, and NGINX servers playing the backends.
 *
 * Gateway, per stage prefix and spec path: CORS preflights answered by NGINX itself (204, no body), the
 * declared methods only (`limit_except`: NGINX's 403 otherwise), a credential check for every method of a
 * secured path: an API key looked up in a map (403), or a bearer JWT verified by an njs script (jwt.js:
 * HS256 signature, exp, iss, aud; 401 with `WWW-Authenticate`); required query parameters enforced and JSON
 * bodies validated against the spec's schemas by an njs script (validate.js) where the config declares
 * validation (400); `limit_req ... burst=N nodelay` keyed by method and route (a token bucket per route, as
 * a stage's `throttle: { rate, burst }` declares), 429 beyond it; then the backend.
 *
 * Backends, one NGINX server per stage: the documented success answer of each operation, with debug headers
 * that show what they received (X-Backend: identity, X-Backend-Method, X-Backend-Uri): the route oracle the
 * gate reads through `oracle.path / method / query`. Like an app server they announce themselves
 * (X-Powered-By), which the gateway hides. None of gateproof's own servers is involved.
 *
 * Each `Defect` is one real-world misconfiguration the gate must catch, planted on one stage's locations.
 */
export interface NginxStage {
  name: string;
  apiKey: string;
  jwt: { secret: string; issuer: string; audience: string };
  backendPort: number;
  /** limit_req: `rate` requests/s, `burst` at once (nodelay). */
  bucket: { rate: number; burst: number };
}

/** Misconfigurations of one route. */
type OperationDefect =
  /** The route's credential check was forgotten. */
  | 'auth-skipped'
  /** The route is proxied without its path parameters (/pets/{petId} -> /pets/). */
  | 'drop-path-param'
  /** The route's location has no `limit_req` (a path with one operation only). */
  | 'limiter-skipped';

/** Misconfigurations of a whole stage. */
type StageDefect =
  /** The njs verifier does not check the token's signature, its `exp`, or its `aud`. */
  | 'jwt-unverified'
  | 'exp-unchecked'
  | 'aud-unchecked'
  /** The credential is checked only for the methods each path declares (HEAD passes `limit_except GET` unchecked). */
  | 'auth-listed-methods'
  /** The stage's key map accepts every stage's keys. */
  | 'any-stage-key'
  /** A catch-all `location /<stage>/` proxies undeclared paths to the backend. */
  | 'open-unknown'
  /** The backend's X-Powered-By is not hidden. */
  | 'leak-powered-by'
  /** The njs validator and the required-parameter checks are not wired in. */
  | 'validators-off'
  /** limit_req's rate and burst are 50% higher than declared. */
  | 'loose-limit';

export type Defect = { name: OperationDefect; stage: string; operation: string } | { name: StageDefect; stage: string };

export interface NginxInput {
  dir: string;
  port: number;
  stages: NginxStage[];
  /** Operation keys the gateway validates (the config's `validation.operations`). */
  validated: string[];
  /** The backend's answer to an operation: its documented success. */
  success: (op: Operation) => { status: number; body: string };
  defects?: Defect[];
}

/** Which checks of jwt.js a stage skips, by defect. */
const JWT_SKIPS: Partial<Record<StageDefect, string>> = { 'jwt-unverified': 'signature', 'exp-unchecked': 'exp', 'aud-unchecked': 'aud' };

/** The files NGINX runs with, by name: nginx.conf, and the modules jwt.js and validate.js import. */
export function nginxFiles(model: GatewayModel, input: NginxInput): Record<'nginx.conf' | 'schemas.js' | 'stages.js', string> {
  const defects = input.defects ?? [];
  for (const d of defects)
    if (!input.stages.some((s) => s.name === d.stage))
      throw new Error(`defect ${d.name} is planted on stage ${d.stage}, which this configuration does not have`);
  const planted = (stage: NginxStage): Planted => new Planted(defects.filter((d) => d.stage === stage.name));
  const paths = [...groupByPath(model.operations).values()];
  const maps = [
    ...input.stages.map((s) => keyMap(s, planted(s).has('any-stage-key') ? input.stages : [s])),
    ...input.stages.flatMap((s) => paths.map((ops, i) => denyMap(s, i, ops, planted(s)))),
    ...paths.flatMap((ops, i) =>
      requiredQuery(ops, input.validated).map((p) => `  map "$request_method:$arg_${p.name}" $gp_missing_${i}_${p.name} { default 0; "${p.method}:" 1; }`),
    ),
  ];
  const zones = input.stages.map((s) => `  limit_req_zone $gp_limit_key zone=${s.name}:1m rate=${bucketOf(s, planted(s)).rate}r/s;`);
  const gateway = input.stages.flatMap((stage) => {
    const p = planted(stage);
    return [
      ...paths.map((ops, i) => gatewayLocation(stage, i, ops, input.validated, p)),
      `    location @gp_${stage.name} {${hidePoweredBy(p)} proxy_pass http://127.0.0.1:${stage.backendPort}$gp_target$is_args$args; }`,
      ...(p.has('open-unknown') ? [`    location /${stage.name}/ {${hidePoweredBy(p)} proxy_pass http://127.0.0.1:${stage.backendPort}/; }`] : []),
    ];
  });
  const conf = `load_module /usr/lib/nginx/modules/ngx_http_js_module.so;
worker_processes 1;
daemon off;
pid ${input.dir}/nginx.pid;
error_log ${input.dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${input.dir}/body;
  proxy_temp_path ${input.dir}/proxy;
  fastcgi_temp_path ${input.dir}/fastcgi;
  uwsgi_temp_path ${input.dir}/uwsgi;
  scgi_temp_path ${input.dir}/scgi;
  client_body_buffer_size 64k;
  client_body_in_single_buffer on;
  js_path ${input.dir};
  js_import gp from validate.js;
  js_import jwt from jwt.js;
  js_set $gp_jwt_ok jwt.verify;
  server_tokens off;
  default_type application/json;
  limit_req_status 429;
  limit_req_log_level warn;
${maps.join('\n')}
${zones.join('\n')}
  server {
    listen 127.0.0.1:${input.port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    error_page 401 = @unauthorized;
    error_page 403 = @forbidden;
    error_page 429 = @throttled;
    location @unauthorized { add_header WWW-Authenticate 'Bearer realm="api"' always; return 401 '{"message":"Unauthorized"}'; }
    location @forbidden { return 403 '{"message":"Forbidden"}'; }
    location @throttled { return 429 '{"message":"Too Many Requests"}'; }
${gateway.join('\n')}
    location / { return 404 '{"message":"Not Found"}'; }
  }
${input.stages.map((stage) => backendServer(stage, paths, input.success)).join('\n')}
}
`;
  const bodies = model.operations.filter((op) => input.validated.includes(op.key) && jsonBodySchema(op));
  const stages = Object.fromEntries(
    input.stages.map((s) => [s.name, { ...s.jwt, skip: Object.entries(JWT_SKIPS).flatMap(([d, check]) => (planted(s).has(d as StageDefect) ? [check] : [])) }]),
  );
  return {
    'nginx.conf': conf,
    'schemas.js': `export default ${JSON.stringify(Object.fromEntries(bodies.map((op) => [op.key, jsonBodySchema(op)])))};\n`,
    'stages.js': `export default ${JSON.stringify(stages)};\n`,
  };
}

/** The defects planted on one stage. */
class Planted {
  constructor(private readonly defects: readonly Defect[]) {}
  has(name: StageDefect): boolean {
    return this.defects.some((d) => d.name === name);
  }
  on(name: OperationDefect, op: Operation): boolean {
    return this.defects.some((d) => d.name === name && 'operation' in d && d.operation === op.key);
  }
}

const bucketOf = (stage: NginxStage, planted: Planted): NginxStage['bucket'] =>
  planted.has('loose-limit') ? { rate: Math.round(stage.bucket.rate * 1.5), burst: Math.round(stage.bucket.burst * 1.5) } : stage.bucket;

const hidePoweredBy = (planted: Planted): string => (planted.has('leak-powered-by') ? '' : ' proxy_hide_header X-Powered-By;');

function gatewayLocation(stage: NginxStage, i: number, ops: Operation[], validated: string[], planted: Planted): string {
  const path = ops[0]!.path;
  const scheme = schemeOf(ops);
  const validating = !planted.has('validators-off');
  const unlimited = ops.some((op) => planted.on('limiter-skipped', op));
  if (unlimited && ops.length > 1) throw new Error(`limiter-skipped: ${path} has several operations, and a location without limit_req leaves out all of them`);
  // OPTIONS is let through limit_except on CORS-enabled (secured) paths so the `if` below can answer it.
  const methods = [...ops.map((op) => op.method), ...(scheme ? ['OPTIONS'] : [])].join(' ');
  const missing = validating ? requiredQuery(ops, validated) : [];
  const bucket = bucketOf(stage, planted);
  const lines = [
    `set $gp_stage ${stage.name};`,
    `set $gp_path "${path}";`,
    `set $gp_target ${targetOf(
      path,
      ops.some((op) => planted.on('drop-path-param', op)),
    )};`,
    `set $gp_limit_key "$request_method $gp_path";`,
    hidePoweredBy(planted).trim(),
    scheme
      ? `if ($request_method = OPTIONS) { add_header Access-Control-Allow-Origin "https://app.example.com" always; add_header Access-Control-Allow-Methods "${ops.map((o) => o.method).join(', ')}" always; return 204; }`
      : '',
    `limit_except ${methods} { deny all; }`,
    scheme ? `if ($gp_deny_${stage.name}_${i}) { return ${scheme === 'jwt' ? 401 : 403}; }` : '',
    ...missing.map((p) => `if ($gp_missing_${i}_${p.name}) { return 400 '{"message":"Missing required request parameters: [${p.name}]"}'; }`),
    unlimited ? '' : `limit_req zone=${stage.name} burst=${bucket.burst} nodelay;`,
    validating && ops.some((op) => validated.includes(op.key) && jsonBodySchema(op))
      ? `set $gp_upstream @gp_${stage.name}; js_content gp.validate;`
      : `proxy_pass http://127.0.0.1:${stage.backendPort}$gp_target$is_args$args;`,
  ];
  return `    location ~ ^/${stage.name}${pathPattern(path)}$ {\n${lines
    .filter(Boolean)
    .map((l) => `      ${l}`)
    .join('\n')}\n    }`;
}

/** The one credential a path's secured operations ask for (this test gateway checks one per path). */
function schemeOf(ops: Operation[]): 'key' | 'jwt' | undefined {
  const kinds = new Set(ops.flatMap((op) => requiredKinds(op)));
  if (kinds.size > 1) throw new Error(`${ops[0]!.path}: the NGINX test gateway checks one credential per path, not ${[...kinds].join(' + ')}`);
  const [kind] = kinds;
  if (kind !== undefined && kind !== 'apiKey' && kind !== 'jwt')
    throw new Error(`${ops[0]!.path}: the NGINX test gateway checks API keys and JWTs, not ${kind}`);
  return kind === 'apiKey' ? 'key' : kind;
}

/** `$key_ok_<stage>`: 1 for the keys the stage accepts. */
const keyMap = (stage: NginxStage, accepted: readonly NginxStage[]): string =>
  `  map $http_x_api_key $key_ok_${stage.name} { default 0; ${accepted.map((s) => `"${s.apiKey}" 1;`).join(' ')} }`;

/**
 * Whether a request is refused for want of a valid credential: every method of a path with a secured
 * operation, except the methods of public operations and those whose check was forgotten; with the
 * auth-listed-methods defect only the methods the path declares.
 */
function denyMap(stage: NginxStage, i: number, ops: Operation[], planted: Planted): string {
  const credential = schemeOf(ops) === 'jwt' ? '$gp_jwt_ok' : `$key_ok_${stage.name}`;
  const open = ops.filter((op) => op.security.length === 0 || planted.on('auth-skipped', op)).map((op) => op.method);
  const guarded = ops.filter((op) => !open.includes(op.method)).map((op) => op.method);
  const entries =
    guarded.length === 0 ? [] : planted.has('auth-listed-methods') ? guarded.map((m) => `"${m}:0" 1;`) : [...open.map((m) => `"${m}:0" 0;`), '"~:0$" 1;'];
  return `  map "$request_method:${credential}" $gp_deny_${stage.name}_${i} { ${['default 0;', ...entries].join(' ')} }`;
}

function backendServer(stage: NginxStage, paths: Operation[][], success: NginxInput['success']): string {
  const locations = paths.map((ops) => {
    const answers = ops.map((op) => {
      const { status, body } = success(op);
      // A backend answers HEAD like GET (without the body).
      return `if ($request_method ~ ^(${op.method === 'GET' ? 'GET|HEAD' : op.method})$) { return ${status} '${quoted(body)}'; }`;
    });
    return `    location ~ ^${pathPattern(ops[0]!.path, '*')}$ { ${answers.join(' ')} return 405; }`;
  });
  return `  server {
    listen 127.0.0.1:${stage.backendPort};
    add_header X-Backend "${stage.name}" always;
    add_header X-Backend-Method $request_method always;
    add_header X-Backend-Uri $request_uri always;
    add_header X-Powered-By "PHP/8.2.7" always;
${locations.join('\n')}
    location / { return 404 '{"message":"no such resource"}'; }
  }`;
}

/** /pets/{petId} -> /pets/([^/]+) (the backend also takes an empty segment, so only the oracle can tell). */
const pathPattern = (path: string, repeat = '+'): string => path.replace(/\{[^}]+\}/g, `([^/]${repeat})`);

/** The backend path: the gateway's regex captures in order ($1, $2, ...), or nothing when the parameters are dropped. */
function targetOf(path: string, dropped: boolean): string {
  let n = 0;
  return path.replace(/\{[^}]+\}/g, () => (dropped ? '' : `$${++n}`));
}

/** Required query parameters of the validated operations on a path, with their method. */
function requiredQuery(ops: Operation[], validated: string[]): { method: string; name: string }[] {
  return ops
    .filter((op) => validated.includes(op.key))
    .flatMap((op) => op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => ({ method: op.method, name: p.name })));
}

/** A body inside an NGINX single-quoted string; `$` would start a variable, so a body with one cannot be served. */
function quoted(body: string): string {
  if (body.includes('$')) throw new Error(`a canned body contains "$", which NGINX would read as a variable: ${body}`);
  return body.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
