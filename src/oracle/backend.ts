import type { StageConfig } from '../config/load.ts';
import { ECHO_HEADER, parseEchoHeader } from '../gateway/echo-protocol.ts';
import type { IntegrationRequest } from '../gateway/integration.ts';

/**
 * What a response tells about the backend that produced it, through the stage's oracle: the echo backend's
 * `x-gateproof-echo` record (identity and the request it saw), or a configured header / JSON body field that
 * carries the backend's identity.
 */

export type StageOracle = StageConfig['oracle'];

export interface BackendView {
  backend: string;
  /** The request the backend saw (echo oracle only). */
  route?: IntegrationRequest;
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
    case 'header': {
      const value = oracle.name ? response.headers[oracle.name.toLowerCase()] : undefined;
      return value === undefined ? undefined : { backend: value };
    }
    case 'body': {
      const value = oracle.name ? jsonField(response.body, oracle.name) : undefined;
      return value === undefined ? undefined : { backend: value };
    }
    default:
      return undefined;
  }
}

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
export function jsonField(body: string, dotted: string): string | undefined {
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
  return value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
}
