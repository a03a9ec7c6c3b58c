import { createHash, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from './body.ts';
import { CorsPolicy } from './cors.ts';
import { OP_HEADER } from '../gateway/echo-protocol.ts';
import type { FaultSet } from './faults.ts';
import { ERRORS, GatewayResponder, remapBackendHeaders, type ErrorDef, type Reply, type TemplateContext } from './responses.ts';
import type { CompiledRoute, StageRuntime } from './stage.ts';

/**
 * The request path of the local gateway (AWS REST order): stage -> CORS preflight -> resource/method ->
 * body bound -> authorizer -> API key -> throttle buckets -> quota -> request validator -> integration
 * (MOCK or the stage's echo backend) -> response headers (request ids, remapped backend headers).
 */

const INTEGRATION_TIMEOUT_MS = 29_000;
const EMPTY = Buffer.alloc(0);
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'content-length',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  OP_HEADER,
]);

export interface GatewayState {
  stages: Map<string, StageRuntime>;
  faults: FaultSet;
  responder: GatewayResponder;
  cors: CorsPolicy;
  agent: Agent;
}

/** One request in flight. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  requestId: string;
  stage?: StageRuntime;
  /** Raw path below the stage, e.g. /pets/abc. */
  path: string;
  rawQuery: string;
  queryCache?: Record<string, string>;
  route?: CompiledRoute;
  params?: Record<string, string>;
}

export function createHandler(state: GatewayState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    try {
      handle(state, req, res);
    } catch {
      internalError(res);
    }
  };
}

/** Continuations run from events: a bug answers 500 instead of taking the whole gateway down. */
function guarded(x: Exchange, fn: () => void): void {
  try {
    fn();
  } catch {
    internalError(x.res);
  }
}

function internalError(res: ServerResponse): void {
  if (!res.headersSent && !res.destroyed)
    res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'InternalServerErrorException' }).end('{"message": "Internal server error"}');
}

function handle(state: GatewayState, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const slash = pathname.indexOf('/', 1);
  const stageName = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  const x: Exchange = {
    req,
    res,
    method: req.method ?? 'GET',
    requestId: randomUUID(),
    path: slash < 0 ? '/' : pathname.slice(slash),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
  };
  const stage = state.stages.get(stageName);
  if (!stage || pathname.charCodeAt(0) !== 47) return fail(state, x, ERRORS.unknownStage);
  x.stage = stage;
  if (CorsPolicy.isPreflight(x.method, req.headers) && state.cors.handlesPreflight && !declaresOptions(stage, x.path)) {
    return send(state, x, { status: 204, headers: state.cors.preflight(req.headers), body: EMPTY });
  }
  const match = stage.router.match(x.method, x.path);
  if (match.kind !== 'route') {
    const authorization = req.headers.authorization;
    if (state.faults.openUnknown) return withBody(state, x, (body) => forward(state, x, undefined, body));
    if (authorization && !authorization.startsWith('AWS4-HMAC-SHA256 '))
      return fail(state, x, ERRORS.incompleteSignature, incompleteSignatureMessage(authorization));
    return fail(state, x, ERRORS.missingAuthToken);
  }
  x.route = stage.routes.get(match.operation.key)!;
  x.params = match.params;
  withBody(state, x, (body) => afterBody(state, x, stage, x.route!, body));
}

function afterBody(state: GatewayState, x: Exchange, stage: StageRuntime, route: CompiledRoute, body: Buffer): void {
  const input = { headers: x.req.headers, query: () => query(x) };
  if (!route.bypass) {
    const denied = route.auth(input);
    if (denied) return fail(state, x, denied);
  }
  let key: string | undefined;
  if (route.keySource) {
    key = stage.keys.identify(route.keySource, input);
    if (key === undefined && !route.bypass) return fail(state, x, ERRORS.invalidApiKey);
  }
  if (!stage.throttle.admit(route.op, key)) return fail(state, x, ERRORS.throttled);
  if (key !== undefined && stage.quota && key === stage.quota.key && !state.faults.quotaOff && !stage.quota.quota.consume()) {
    return fail(state, x, ERRORS.quotaExceeded);
  }
  const invalid = route.check({ headers: x.req.headers, query: input.query, body });
  if (invalid) return fail(state, x, invalid.error, invalid.message);
  if (route.mock)
    return answer(state, x, route, {
      status: route.mock.status,
      headers: route.mock.contentType ? { 'content-type': route.mock.contentType } : {},
      body: route.mock.body,
    });
  forward(state, x, route, body);
}

/** The body (bounded, see body.ts); bodiless requests continue synchronously. */
function withBody(state: GatewayState, x: Exchange, next: (body: Buffer) => void): void {
  readBody(
    x.req,
    (body) => guarded(x, () => next(body)),
    () => fail(state, x, ERRORS.tooLarge),
  );
}

/** Sends the request to the stage's echo backend (op undefined: open-unknown forwards the raw path). */
function forward(state: GatewayState, x: Exchange, route: CompiledRoute | undefined, body: Buffer): void {
  const stage = x.stage!;
  let path: string;
  let method = x.method;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(x.req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  if (route) {
    const target = route.integration!(x.params ?? {}, query(x), x.method)!;
    method = target.method;
    path = encodePath(target.path) + encodeQuery(target.query);
    headers[OP_HEADER] = route.target.key;
  } else path = x.path + (x.rawQuery ? `?${x.rawQuery}` : '');
  if (body.length > 0) headers['content-length'] = String(body.length);
  const outgoing = httpRequest(
    { host: stage.backend.host, port: stage.backend.port, method, path, headers, agent: state.agent, timeout: INTEGRATION_TIMEOUT_MS },
    (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (c: Buffer) => chunks.push(c));
      incoming.on('end', () =>
        guarded(x, () => {
          const reply: Reply = {
            status: incoming.statusCode ?? 502,
            headers: remapBackendHeaders(incoming.rawHeaders, state.faults.leakHeaders),
            body: Buffer.concat(chunks),
          };
          if (route) answer(state, x, route, reply);
          else send(state, x, reply);
        }),
      );
      incoming.on('error', () => fail(state, x, ERRORS.internal));
    },
  );
  outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
  outgoing.on('error', (e) => {
    if (!x.res.headersSent) fail(state, x, e.message === 'timeout' ? ERRORS.integrationTimeout : ERRORS.internal);
  });
  outgoing.end(body.length > 0 ? body : undefined);
}

/** The integration's answer, with status-drift applied when the fault names this route. */
function answer(state: GatewayState, x: Exchange, route: CompiledRoute, reply: Reply): void {
  if (route.drift) {
    const headers = { ...reply.headers };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
    if (route.drift.contentType) headers['content-type'] = route.drift.contentType;
    return send(state, x, { status: route.drift.status, headers, body: route.drift.body });
  }
  send(state, x, reply);
}

function fail(state: GatewayState, x: Exchange, error: ErrorDef, message?: string): void {
  send(state, x, state.responder.error(error, templateContext(x), message));
}

function send(state: GatewayState, x: Exchange, r: Reply): void {
  const headers: Record<string, string | number> = r.headers;
  headers['x-amzn-RequestId'] = x.requestId;
  headers['x-amz-apigw-id'] = apigwId(x.requestId);
  headers['content-length'] = r.body.length;
  if (x.stage && x.req.headers.origin !== undefined) Object.assign(headers, state.cors.actual(x.req.headers));
  const write = (): void => {
    if (x.res.headersSent || x.res.destroyed) return;
    x.res.writeHead(r.status, headers);
    x.res.end(x.method === 'HEAD' ? undefined : r.body);
  };
  if (state.faults.latencyMs > 0) setTimeout(write, state.faults.latencyMs);
  else write();
}

function templateContext(x: Exchange): TemplateContext {
  return {
    requestId: x.requestId,
    stage: x.stage?.name ?? '',
    httpMethod: x.method,
    path: x.path,
    resourcePath: x.route?.op.path,
    headers: x.req.headers,
    query: () => query(x),
    pathParams: x.params,
    stageVariables: x.stage?.config.variables ?? {},
  };
}

function query(x: Exchange): Record<string, string> {
  if (!x.queryCache) x.queryCache = x.rawQuery ? Object.fromEntries(new URLSearchParams(x.rawQuery)) : {};
  return x.queryCache;
}

function declaresOptions(stage: StageRuntime, path: string): boolean {
  const match = stage.router.match('OPTIONS', path);
  return match.kind === 'route' && match.operation.method === 'OPTIONS';
}

/** AWS-style gateway id: 16 base64 characters, derived from the request id. */
const apigwId = (requestId: string): string => Buffer.from(requestId.replace(/-/g, '').slice(0, 22), 'hex').toString('base64');

/** AWS's answer to a non-SigV4 Authorization header on an unknown route (observed wording). */
function incompleteSignatureMessage(authorization: string): string {
  const hashed = createHash('sha256').update(authorization).digest('base64');
  return `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashed}'.`;
}

const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
function encodePath(path: string): string {
  return SAFE_PATH.test(path) ? path : path.split('/').map(encodeURIComponent).join('/');
}

function encodeQuery(q: Record<string, string>): string {
  for (const _ in q) return `?${new URLSearchParams(q).toString()}`;
  return '';
}
