import { randomUUID } from 'node:crypto';
import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { CorsPolicy } from '../cors.ts';
import { answer, apigwId, forward, query, send, splitTarget, withBody, type Dialect, type Exchange } from '../exchange.ts';
import type { FaultSet } from '../faults.ts';
import { HTTP_ERRORS, httpErrorBody, httpErrorReply, type HttpError } from './responses.ts';
import type { HttpRoute, HttpStage } from './stage.ts';

/**
 * The request path of the local gateway for HTTP APIs (API Gateway v2): stage (a named stage as the first path
 * segment, else the `$default` stage at the root) -> CORS preflight (answered by the gateway itself when
 * x-amazon-apigateway-cors is configured) -> route by route and method, else the `$default` route -> body bound
 * -> the route's authorizer -> the route's throttle bucket -> integration (the stage's echo backend) -> every
 * answer carries apigw-requestid. No API keys, usage plans, request validation or custom gateway responses.
 */

const EMPTY = Buffer.alloc(0);
/** The $default stage is served at the root; its name is not a path segment. */
export const DEFAULT_STAGE = '$default';

export interface HttpGatewayState {
  stages: Map<string, HttpStage>;
  faults: FaultSet;
  cors: CorsPolicy;
  agent: Agent;
}

type HttpExchange = Exchange<HttpStage, HttpRoute>;
type Http = Dialect<HttpStage, HttpRoute>;

export function createHttpApiHandler(state: HttpGatewayState): (req: IncomingMessage, res: ServerResponse) => void {
  const http: Http = {
    faults: state.faults,
    agent: state.agent,
    stamp: (x, headers) => {
      headers['apigw-requestid'] = apigwId(x.requestId);
      if (x.stage && x.req.headers.origin !== undefined) Object.assign(headers, state.cors.actual(x.req.headers));
    },
    failure: (_x, failure) => httpErrorReply(HTTP_ERRORS[failure]),
    crash: internalError,
  };
  return (req, res) => {
    try {
      handle(state, http, req, res);
    } catch {
      internalError(res);
    }
  };
}

function internalError(res: ServerResponse): void {
  if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'application/json' }).end(httpErrorBody(HTTP_ERRORS.internal.message));
}

function handle(state: HttpGatewayState, http: Http, req: IncomingMessage, res: ServerResponse): void {
  const { pathname, rawQuery } = splitTarget(req.url ?? '/');
  const x: HttpExchange = { req, res, method: req.method ?? 'GET', requestId: randomUUID(), path: pathname, rawPath: pathname, rawQuery };
  if (pathname.charCodeAt(0) !== 47) return fail(http, x, HTTP_ERRORS.notFound);
  const slash = pathname.indexOf('/', 1);
  const first = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash);
  const named = first === DEFAULT_STAGE ? undefined : state.stages.get(first);
  if (named) x.path = slash < 0 ? '/' : pathname.slice(slash);
  const stage = named ?? state.stages.get(DEFAULT_STAGE);
  if (!stage) return fail(http, x, HTTP_ERRORS.notFound);
  x.stage = stage;
  if (state.cors.handlesPreflight && CorsPolicy.isPreflight(x.method, req.headers)) {
    return send(http, x, { status: 204, headers: state.cors.preflight(req.headers), body: EMPTY });
  }
  const match = stage.router.match(x.method, x.path);
  const route = match.kind === 'route' ? stage.routes.get(match.operation.key) : stage.defaultRoute;
  if (!route) {
    if (state.faults.openUnknown) return withBody(http, x, (body) => forward(http, x, stage.backend, undefined, body));
    return fail(http, x, HTTP_ERRORS.notFound);
  }
  x.route = route;
  x.params = match.kind === 'route' ? match.params : {};
  withBody(http, x, (body) => afterBody(http, x, stage, route, body));
}

function afterBody(http: Http, x: HttpExchange, stage: HttpStage, route: HttpRoute, body: Buffer): void {
  if (!route.bypass) {
    const denied = route.auth({
      headers: x.req.headers,
      query: () => query(x),
      received: () => ({ method: x.method, path: x.rawPath, rawQuery: x.rawQuery, rawHeaders: x.req.rawHeaders, body }),
    });
    if (denied) return fail(http, x, denied);
  }
  if (!stage.throttle.admit(route.op, undefined)) return fail(http, x, HTTP_ERRORS.throttled);
  if (route.mock)
    return answer(http, x, route, {
      status: route.mock.status,
      headers: route.mock.contentType ? { 'content-type': route.mock.contentType } : {},
      body: route.mock.body,
    });
  forward(http, x, stage.backend, route, body);
}

function fail(http: Http, x: HttpExchange, error: HttpError): void {
  send(http, x, httpErrorReply(error));
}
