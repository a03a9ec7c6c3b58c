import { jsonBodySchema } from '../../../src/gateway/validation.ts';
import type { GatewayModel, Operation } from '../../../src/openapi/model.ts';
import { groupByPath } from '../../../src/plan/stage-plan.ts';

/**
 * An NGINX configuration playing the gateway for the test spec, and NGINX servers playing the backends.
 *
 * Gateway, per stage prefix and spec path: CORS preflights answered by NGINX itself (204, no body), the
 * declared methods only (`limit_except`), an API-key check for every method of a secured path (map + if),
 * required query parameters enforced and JSON bodies validated against the spec's schemas by an njs script
 * (validate.js) where the config declares validation, `limit_req` with status 429, then the backend.
 *
 * Backends, one NGINX server per stage: the documented success answer of each operation, with debug headers
 * that show what they received (X-Backend: identity, X-Backend-Method, X-Backend-Uri): the route oracle the
 * gate reads through `oracle.path / method / query`. None of gateproof's own servers is involved.
 *
 * Defects are real-world misconfigurations the gate must catch.
 */
export interface NginxStage {
  name: string;
  apiKey: string;
  backendPort: number;
  rate: number;
  burst: number;
}

export interface NginxDefects {
  /** Operations whose key check was forgotten. */
  unprotected?: string[];
  /** The key is checked only for the methods each path declares (HEAD passes `limit_except GET` unchecked). */
  implicitMethods?: boolean;
  /** The njs validator and the required-parameter checks are not wired in. */
  validatorsOff?: boolean;
  /** Operations proxied without their path parameters (/pets/{petId} -> /pets/). */
  dropPathParam?: string[];
}

export interface NginxInput {
  dir: string;
  port: number;
  stages: NginxStage[];
  /** Operation keys the gateway validates (the config's `validation.operations`). */
  validated: string[];
  /** The backend's answer to an operation: its documented success. */
  success: (op: Operation) => { status: number; body: string };
  defects?: NginxDefects;
}

/** nginx.conf, and schemas.js for validate.js (both written into `dir`, next to a copy of validate.js). */
export function nginxFiles(model: GatewayModel, input: NginxInput): { conf: string; schemas: string } {
  const defects = input.defects ?? {};
  const paths = [...groupByPath(model.operations).values()];
  const bodyChecked = defects.validatorsOff ? [] : model.operations.filter((op) => input.validated.includes(op.key) && jsonBodySchema(op));
  const maps = [
    ...input.stages.map((s) => `  map $http_x_api_key $key_ok_${s.name} { default 0; "${s.apiKey}" 1; }`),
    ...input.stages.flatMap((s) => paths.map((ops, i) => denyMap(s, i, ops, defects))),
    ...(defects.validatorsOff
      ? []
      : paths.flatMap((ops, i) =>
          requiredQuery(ops, input.validated).map((p) => `  map "$request_method:$arg_${p.name}" $gp_missing_${i}_${p.name} { default 0; "${p.method}:" 1; }`),
        )),
  ];
  const zones = input.stages.map((s) => `  limit_req_zone $server_port zone=${s.name}:1m rate=${s.rate}r/s;`);
  const gateway = input.stages.flatMap((stage) => [
    ...paths.map((ops, i) => gatewayLocation(stage, i, ops, input.validated, bodyChecked, defects)),
    `    location @gp_${stage.name} { proxy_pass http://127.0.0.1:${stage.backendPort}$gp_target$is_args$args; }`,
  ]);
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
  server_tokens off;
  default_type application/json;
  limit_req_status 429;
  limit_req_log_level warn;
${maps.join('\n')}
${zones.join('\n')}
  server {
    listen 127.0.0.1:${input.port};
    proxy_hide_header X-Powered-By;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    error_page 403 = @forbidden;
    error_page 429 = @throttled;
    location @forbidden { return 403 '{"message":"Forbidden"}'; }
    location @throttled { return 429 '{"message":"Too Many Requests"}'; }
${gateway.join('\n')}
    location / { return 404 '{"message":"Not Found"}'; }
  }
${input.stages.map((stage) => backendServer(stage, paths, input.success)).join('\n')}
}
`;
  const schemas = `export default ${JSON.stringify(Object.fromEntries(bodyChecked.map((op) => [op.key, jsonBodySchema(op)])))};\n`;
  return { conf, schemas };
}

function gatewayLocation(stage: NginxStage, i: number, ops: Operation[], validated: string[], bodyChecked: Operation[], defects: NginxDefects): string {
  const path = ops[0]!.path;
  const dropped = ops.some((op) => defects.dropPathParam?.includes(op.key));
  const secured = ops.some((op) => op.security.length > 0);
  // OPTIONS is let through limit_except on CORS-enabled (secured) paths so the `if` above can answer it.
  const methods = [...ops.map((op) => op.method), ...(secured ? ['OPTIONS'] : [])].join(' ');
  const missing = defects.validatorsOff ? [] : requiredQuery(ops, validated);
  const lines = [
    `set $gp_path "${path}";`,
    `set $gp_target ${targetOf(path, dropped)};`,
    secured
      ? `if ($request_method = OPTIONS) { add_header Access-Control-Allow-Origin "https://app.example.com" always; add_header Access-Control-Allow-Methods "${ops.map((o) => o.method).join(', ')}" always; return 204; }`
      : '',
    `limit_except ${methods} { deny all; }`,
    `if ($gp_deny_${stage.name}_${i}) { return 403; }`,
    ...missing.map((p) => `if ($gp_missing_${i}_${p.name}) { return 400 '{"message":"Missing required request parameters: [${p.name}]"}'; }`),
    `limit_req zone=${stage.name} burst=${stage.burst} nodelay;`,
    ops.some((op) => bodyChecked.includes(op))
      ? `set $gp_upstream @gp_${stage.name}; js_content gp.validate;`
      : `proxy_pass http://127.0.0.1:${stage.backendPort}$gp_target$is_args$args;`,
  ];
  return `    location ~ ^/${stage.name}${pathPattern(path)}$ {\n${lines
    .filter(Boolean)
    .map((l) => `      ${l}`)
    .join('\n')}\n    }`;
}

/**
 * Whether a request is refused for want of a valid key: every method of a path with a secured operation,
 * except the methods of public operations and those whose check was forgotten; with the implicit-methods
 * defect only the methods the path declares.
 */
function denyMap(stage: NginxStage, i: number, ops: Operation[], defects: NginxDefects): string {
  const open = ops.filter((op) => op.security.length === 0 || defects.unprotected?.includes(op.key)).map((op) => op.method);
  const guarded = ops.filter((op) => !open.includes(op.method)).map((op) => op.method);
  const entries = guarded.length === 0 ? [] : defects.implicitMethods ? guarded.map((m) => `"${m}:0" 1;`) : [...open.map((m) => `"${m}:0" 0;`), '"~:0$" 1;'];
  return `  map "$request_method:$key_ok_${stage.name}" $gp_deny_${stage.name}_${i} { ${['default 0;', ...entries].join(' ')} }`;
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
