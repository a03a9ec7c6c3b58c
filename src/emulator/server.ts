import { randomUUID } from 'node:crypto';
import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { CorsPolicy } from './cors.ts';
import { answer, apigwId, forward, query, send, splitTarget, withBody, type Dialect, type Exchange, type PlumbingFailure } from './exchange.ts';
import type { FaultSet } from './faults.ts';
import type { Denial } from './authorizers.ts';
import { ERRORS, type GatewayResponder, type ErrorDef, type TemplateContext } from './responses.ts';
import { missingEqualSign } from './sigv4.ts';
import type { CompiledRoute, StageRuntime } from './stage.ts';

/**
 * The request path of the local gateway for REST APIs (AWS REST order): stage -> CORS preflight ->
 * resource/method -> body bound -> authorizer -> API key -> throttle buckets -> quota -> request validator ->
 * integration (MOCK or the stage's echo backend) -> response headers (request ids, remapped backend headers).
 */

const EMPTY = Buffer.alloc(0);
const IMPLICIT = new Set(['HEAD', 'OPTIONS']);

export interface GatewayState {
  stages: Map<string, StageRuntime>;
  faults: FaultSet;
  responder: GatewayResponder;
  cors: CorsPolicy;
  agent: Agent;
}

type RestExchange = Exchange<StageRuntime, CompiledRoute>;
type Rest = Dialect<StageRuntime, CompiledRoute>;

const PLUMBING: Record<PlumbingFailure, ErrorDef> = { tooLarge: ERRORS.tooLarge, internal: ERRORS.internal, integrationTimeout: ERRORS.integrationTimeout };

export function createHandler(state: GatewayState): (req: IncomingMessage, res: ServerResponse) => void {
  const rest: Rest = {
    faults: state.faults,
    agent: state.agent,
    stamp: (x, headers) => {
      headers['x-amzn-RequestId'] = x.requestId;
      headers['x-amz-apigw-id'] = apigwId(x.requestId);
      if (x.stage && x.req.headers.origin !== undefined) Object.assign(headers, state.cors.actual(x.req.headers));
    },
    failure: (x, failure) => state.responder.error(PLUMBING[failure], templateContext(x)),
    crash: internalError,
  };
  return (req, res) => {
    try {
      handle(state, rest, req, res);
    } catch {
      internalError(res);
    }
  };
}

function internalError(res: ServerResponse): void {
  if (!res.headersSent && !res.destroyed)
    res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'InternalServerErrorException' }).end('{"message": "Internal server error"}');
}

function handle(state: GatewayState, rest: Rest, req: IncomingMessage, res: ServerResponse): void {
  const { pathname, rawQuery } = splitTarget(req.url ?? '/');
  const slash = pathname.indexOf('/', 1);
  const stageName = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  const x: RestExchange = {
    req,
    res,
    method: req.method ?? 'GET',
    requestId: randomUUID(),
    path: slash < 0 ? '/' : pathname.slice(slash),
    rawPath: pathname,
    rawQuery,
  };
  const stage = state.stages.get(stageName);
  if (!stage || pathname.charCodeAt(0) !== 47) return fail(state, rest, x, ERRORS.unknownStage);
  x.stage = stage;
  if (CorsPolicy.isPreflight(x.method, req.headers) && state.cors.handlesPreflight && !declaresOptions(stage, x.path)) {
    return send(rest, x, { status: 204, headers: state.cors.preflight(req.headers), body: EMPTY });
  }
  const match = stage.router.match(x.method, x.path);
  if (match.kind === 'method' && state.faults.implicitMethods && IMPLICIT.has(x.method)) return routeImplicitly(state, rest, x, stage);
  if (match.kind !== 'route') {
    const authorization = req.headers.authorization;
    if (state.faults.openUnknown) return withBody(rest, x, (body) => forward(rest, x, stage.backend, undefined, body));
    if (authorization && !authorization.startsWith('AWS4-HMAC-SHA256 '))
      return fail(state, rest, x, ERRORS.incompleteSignature, missingEqualSign(authorization));
    return fail(state, rest, x, ERRORS.missingAuthToken);
  }
  x.route = stage.routes.get(match.operation.key)!;
  x.params = match.params;
  withBody(rest, x, (body) => afterBody(state, rest, x, stage, x.route!, body));
}

function afterBody(state: GatewayState, rest: Rest, x: RestExchange, stage: StageRuntime, route: CompiledRoute, body: Buffer): void {
  const input = {
    headers: x.req.headers,
    query: () => query(x),
    received: () => ({ method: x.method, path: x.rawPath, rawQuery: x.rawQuery, rawHeaders: x.req.rawHeaders, body }),
  };
  if (!route.bypass) {
    const denied = route.auth(input);
    if (denied) return refuse(state, rest, x, denied);
  }
  let key: string | undefined;
  if (route.keySource) {
    key = stage.keys.identify(route.keySource, input);
    if (key === undefined && !route.bypass) return fail(state, rest, x, ERRORS.invalidApiKey);
  }
  if (!stage.throttle.admit(route.op, key)) return fail(state, rest, x, ERRORS.throttled);
  if (key !== undefined && stage.quota && key === stage.quota.key && !state.faults.quotaOff && !stage.quota.quota.consume()) {
    return fail(state, rest, x, ERRORS.quotaExceeded);
  }
  const invalid = route.check({ headers: x.req.headers, query: input.query, body });
  if (invalid) return fail(state, rest, x, invalid.error, invalid.message);
  integrate(rest, x, stage, route, body);
}

/** The integration: the MOCK answer, or the request to the backend. */
function integrate(rest: Rest, x: RestExchange, stage: StageRuntime, route: CompiledRoute, body: Buffer): void {
  if (route.mock)
    return answer(rest, x, route, {
      status: route.mock.status,
      headers: route.mock.contentType ? { 'content-type': route.mock.contentType } : {},
      body: route.mock.body,
    });
  forward(rest, x, stage.backend, route, body);
}

/**
 * implicit-methods: HEAD and OPTIONS on a resource with a GET go to the GET's integration, like a gateway that
 * checks credentials only for the methods it lists; resources without a GET answer as usual.
 */
function routeImplicitly(state: GatewayState, rest: Rest, x: RestExchange, stage: StageRuntime): void {
  const get = stage.router.match('GET', x.path);
  if (get.kind !== 'route') return fail(state, rest, x, ERRORS.missingAuthToken);
  const route = stage.routes.get(get.operation.key)!;
  x.route = route;
  x.params = get.params;
  withBody(rest, x, (body) => integrate(rest, x, stage, route, body));
}

/** An authorizer's refusal: a gateway error, or one with its own message. */
const refuse = (state: GatewayState, rest: Rest, x: RestExchange, denial: Denial): void =>
  'error' in denial ? fail(state, rest, x, denial.error, denial.message) : fail(state, rest, x, denial);

function fail(state: GatewayState, rest: Rest, x: RestExchange, error: ErrorDef, message?: string): void {
  send(rest, x, state.responder.error(error, templateContext(x), message));
}

function templateContext(x: RestExchange): TemplateContext {
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

function declaresOptions(stage: StageRuntime, path: string): boolean {
  const match = stage.router.match('OPTIONS', path);
  return match.kind === 'route' && match.operation.method === 'OPTIONS';
}
