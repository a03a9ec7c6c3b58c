import type { StageConfig } from '../config/load.ts';
import { ECHO_HEADER, parseEchoHeader } from '../gateway/echo-protocol.ts';
import type { IntegrationRequest } from '../gateway/integration.ts';

/**
 * What a response tells about the backend that produced it, through the stage's oracle: the echo backend's
 * `x-gateproof-echo` record (identity and the request it saw), or a configured header / JSON body field that
 * carries the backend's identity, with optional `path` / `method` / `query` fields ("header:<name>" or
 * "body:<dotted.field>") where the backend shows the request it received.
 */

export type StageOracle = StageConfig['oracle'];

/** The parts of the received request a backend exposes (the echo oracle: all of them). */
export type ObservedRoute = Partial<IntegrationRequest>;

export interface BackendView {
  backend: string;
  /** The request the backend saw, as far as the oracle shows it. */
  route?: ObservedRoute;
}

interface ResponseLike {
  headers: Record<string, string>;
  body: string;
}

export function readBackend(oracle: StageOracle, response: ResponseLike): BackendView | undefined {
  switch (oracle.type) {
    case 'echo': {
      const record = parseEchoHeader(response.headers[ECHO_HEADER]);
      return record ? { backend: record.backend, route: { method: record.method, path: record.path, query: record.query } } : undefined;
    }
    case 'header':
    case 'body': {
      const identity = oracle.name ? scalar(readField(`${oracle.type}:${oracle.name}`, response)) : undefined;
      if (identity === undefined) return undefined;
      const route = readRoute(oracle, response);
      return route ? { backend: identity, route } : { backend: identity };
    }
    default:
      return undefined;
  }
}

/** The route fields the oracle names, read from the response; undefined when it names none. */
function readRoute(oracle: StageOracle, response: ResponseLike): ObservedRoute | undefined {
  if (oracle.path === undefined && oracle.method === undefined && oracle.query === undefined) return undefined;
  const route: ObservedRoute = {};
  const method = oracle.method ? scalar(readField(oracle.method, response)) : undefined;
  if (method !== undefined) route.method = method.toUpperCase();
  const path = oracle.path ? scalar(readField(oracle.path, response)) : undefined;
  if (path !== undefined) route.path = decodePath(path.split('?')[0]!);
  const query = oracle.query ? queryOf(readField(oracle.query, response)) : undefined;
  if (query !== undefined) route.query = query;
  return route;
}

/** Which route fields the oracle is configured to show, e.g. ["method", "path"]. */
export const routeFields = (oracle: StageOracle): (keyof IntegrationRequest)[] =>
  oracle.type === 'echo' ? ['method', 'path', 'query'] : (['method', 'path', 'query'] as const).filter((f) => oracle[f] !== undefined);

/**
 * Whether the response came from a backend rather than from the gateway itself. The echo header counts
 * whatever oracle is configured (only a backend sends it).
 */
export function reachedBackend(oracle: StageOracle, response: ResponseLike): boolean {
  if (response.headers[ECHO_HEADER] !== undefined) return true;
  return oracle.type !== 'echo' && readBackend(oracle, response) !== undefined;
}

/** The identity a stage's own backend shows: `oracle.expect`, else the stage name. */
export const expectedBackend = (oracle: StageOracle, stageName: string): string => oracle.expect ?? stageName;

/** Describes where the oracle is read from, for expected/actual texts. */
export function oracleSource(oracle: StageOracle): string {
  if (oracle.type === 'echo') return `${ECHO_HEADER} header`;
  if (oracle.type === 'header') return `${oracle.name ?? '(no oracle.name)'} header`;
  if (oracle.type === 'body') return `body field ${oracle.name ?? '(no oracle.name)'}`;
  return 'no oracle';
}

/** A dotted JSON field of a body ("meta.backend"), as a string; undefined when absent or not JSON. */
export const jsonField = (body: string, dotted: string): string | undefined => scalar(jsonValue(body, dotted));

/** "header:<name>" or "body:<dotted.field>" -> the raw value (a body field may be an object). */
function readField(field: string, response: ResponseLike): unknown {
  const colon = field.indexOf(':');
  const where = field.slice(0, colon);
  const name = field.slice(colon + 1);
  return where === 'header' ? response.headers[name.toLowerCase()] : jsonValue(response.body, name);
}

function jsonValue(body: string, dotted: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const key of dotted.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const scalar = (value: unknown): string | undefined => (value === undefined || value === null || typeof value === 'object' ? undefined : String(value));

/** A query string ("a=1&b=2", "?a=1", "/path?a=1") or a JSON object of values. */
function queryOf(value: unknown): Record<string, string> | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(',') : String(v)]));
  }
  const text = scalar(value);
  if (text === undefined) return undefined;
  const q = text.indexOf('?');
  const search = q >= 0 ? text.slice(q + 1) : text.startsWith('/') ? '' : text;
  return Object.fromEntries(new URLSearchParams(search));
}

/** Percent-decoded per segment, as the integration mapping writes it (an invalid escape stays as sent). */
function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
