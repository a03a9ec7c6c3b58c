import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { OP_HEADER } from '../gateway/echo-protocol.ts';
import type { IntegrationBuilder } from '../gateway/integration.ts';
import type { Operation } from '../openapi/model.ts';
import { readBody } from './body.ts';
import type { Canned } from './catalog.ts';
import type { FaultSet } from './faults.ts';
import { remapBackendHeaders, type Reply } from './responses.ts';

/**
 * What both request paths of the local gateway (REST and HTTP APIs) share: the exchange in flight, the bounded
 * body, the call to the stage's echo backend, the status-drift fault, and the answer with the gateway's own
 * headers and the latency fault. Each request path supplies its dialect: the headers every answer carries and
 * its words for the failures of this plumbing.
 */

const INTEGRATION_TIMEOUT_MS = 29_000;
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

/** One request in flight (on a stage of type S, matched to a route of type R). */
export interface Exchange<S = unknown, R = unknown> {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  requestId: string;
  stage?: S;
  /** Raw path below the stage, e.g. /pets/abc. */
  path: string;
  /** The raw path as received, stage included, e.g. /dev/pets/abc (what a SigV4 signature covers). */
  rawPath: string;
  rawQuery: string;
  queryCache?: Record<string, string>;
  route?: R;
  params?: Record<string, string>;
}

/** Failures of the shared plumbing that each gateway words its own way. */
export type PlumbingFailure = 'tooLarge' | 'internal' | 'integrationTimeout';

export interface Dialect<S = unknown, R = unknown> {
  faults: Pick<FaultSet, 'leakHeaders' | 'latencyMs'>;
  agent: Agent;
  /** Adds the headers every answer of this gateway carries (request ids, CORS on actual responses). */
  stamp(x: Exchange<S, R>, headers: Record<string, string | number>): void;
  failure(x: Exchange<S, R>, failure: PlumbingFailure): Reply;
  /** The answer when the request path itself throws (no exchange to speak of). */
  crash(res: ServerResponse): void;
}

/** What the backend call needs of a route. */
export interface Forwarded {
  /** The operation whose integration answers (route-swap changes it). */
  target: Pick<Operation, 'key'>;
  /** Backend request builder; undefined for MOCK integrations. */
  integration?: IntegrationBuilder;
  /** status-drift: the undocumented answer replacing the integration's. */
  drift?: Canned;
  /** The request path goes to the backend as it came (an HTTP API's $default route). */
  fullPath?: boolean;
}

export interface Backend {
  host: string;
  port: number;
}

/** Continuations run from events: a bug answers 500 instead of taking the whole gateway down. */
function guarded<S, R>(d: Dialect<S, R>, x: Exchange<S, R>, fn: () => void): void {
  try {
    fn();
  } catch {
    d.crash(x.res);
  }
}

/** The body (bounded, see body.ts); bodiless requests continue synchronously. */
export function withBody<S, R>(d: Dialect<S, R>, x: Exchange<S, R>, next: (body: Buffer) => void): void {
  readBody(
    x.req,
    (body) => guarded(d, x, () => next(body)),
    () => send(d, x, d.failure(x, 'tooLarge')),
  );
}

/** Sends the request to the stage's echo backend (route undefined: open-unknown forwards the raw path). */
export function forward<S, R>(d: Dialect<S, R>, x: Exchange<S, R>, backend: Backend, route: Forwarded | undefined, body: Buffer): void {
  let path: string;
  let method = x.method;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(x.req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  if (route && !route.fullPath) {
    const target = route.integration!(x.params ?? {}, query(x), x.method)!;
    method = target.method;
    path = encodePath(target.path) + encodeQuery(target.query);
  } else path = x.path + (x.rawQuery ? `?${x.rawQuery}` : '');
  if (route) headers[OP_HEADER] = route.target.key;
  if (body.length > 0) headers['content-length'] = String(body.length);
  const outgoing = httpRequest(
    { host: backend.host, port: backend.port, method, path, headers, agent: d.agent, timeout: INTEGRATION_TIMEOUT_MS },
    (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (c: Buffer) => chunks.push(c));
      incoming.on('end', () =>
        guarded(d, x, () => {
          const reply: Reply = {
            status: incoming.statusCode ?? 502,
            headers: remapBackendHeaders(incoming.rawHeaders, d.faults.leakHeaders),
            body: Buffer.concat(chunks),
          };
          if (route) answer(d, x, route, reply);
          else send(d, x, reply);
        }),
      );
      incoming.on('error', () => send(d, x, d.failure(x, 'internal')));
    },
  );
  outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
  outgoing.on('error', (e) => {
    if (!x.res.headersSent) send(d, x, d.failure(x, e.message === 'timeout' ? 'integrationTimeout' : 'internal'));
  });
  outgoing.end(body.length > 0 ? body : undefined);
}

/** The integration's answer, with status-drift applied when the fault names this route. */
export function answer<S, R>(d: Dialect<S, R>, x: Exchange<S, R>, route: Pick<Forwarded, 'drift'>, reply: Reply): void {
  if (route.drift) {
    const headers = { ...reply.headers };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
    if (route.drift.contentType) headers['content-type'] = route.drift.contentType;
    return send(d, x, { status: route.drift.status, headers, body: route.drift.body });
  }
  send(d, x, reply);
}

export function send<S, R>(d: Dialect<S, R>, x: Exchange<S, R>, r: Reply): void {
  const headers: Record<string, string | number> = r.headers;
  d.stamp(x, headers);
  headers['content-length'] = r.body.length;
  const write = (): void => {
    if (x.res.headersSent || x.res.destroyed) return;
    x.res.writeHead(r.status, headers);
    x.res.end(x.method === 'HEAD' ? undefined : r.body);
  };
  if (d.faults.latencyMs > 0) setTimeout(write, d.faults.latencyMs);
  else write();
}

/** The request's query string, parsed once. */
export function query(x: Pick<Exchange, 'rawQuery' | 'queryCache'>): Record<string, string> {
  if (!x.queryCache) x.queryCache = x.rawQuery ? Object.fromEntries(new URLSearchParams(x.rawQuery)) : {};
  return x.queryCache;
}

/** Splits the request target into the path and the raw query string. */
export function splitTarget(url: string): { pathname: string; rawQuery: string } {
  const q = url.indexOf('?');
  return { pathname: q < 0 ? url : url.slice(0, q), rawQuery: q < 0 ? '' : url.slice(q + 1) };
}

/** AWS-style gateway id (x-amz-apigw-id, apigw-requestid): 16 base64 characters, derived from the request id. */
export const apigwId = (requestId: string): string => Buffer.from(requestId.replace(/-/g, '').slice(0, 22), 'hex').toString('base64');

const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
function encodePath(path: string): string {
  return SAFE_PATH.test(path) ? path : path.split('/').map(encodeURIComponent).join('/');
}

function encodeQuery(q: Record<string, string>): string {
  for (const _ in q) return `?${new URLSearchParams(q).toString()}`;
  return '';
}
