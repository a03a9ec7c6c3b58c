import type { ValidationProbe } from '../domain/check.ts';
import type { StageRequest } from '../http/exchange.ts';
import type { BuiltRequest } from './build.ts';

/**
 * A valid request (credentials included) turned into one that breaks a validator, as a probe describes it:
 * no body, a body with a required property removed, a property of the wrong JSON type or an undeclared
 * property, or a required query/header parameter left out. `body` is the JSON value that is sent, for the
 * caller to confirm the schema really rejects it; undefined when the probe sends no JSON body.
 */
export interface InvalidRequest {
  request: StageRequest;
  body?: unknown;
}

export function invalidRequest(built: BuiltRequest, probe: ValidationProbe): InvalidRequest {
  const request = built.request;
  switch (probe.kind) {
    case 'empty-body':
      return { request: { ...request, body: undefined } };
    case 'missing-parameter':
      return probe.in === 'query'
        ? { request: { ...request, path: withoutQueryParameter(request.path, probe.name) } }
        : { request: { ...request, headers: withoutHeader(request.headers ?? {}, probe.name) } };
    default: {
      const body = mutated(parseBody(request.body), probe);
      return { request: { ...request, body: JSON.stringify(body) }, body };
    }
  }
}

/** What the probe sends, for expected/actual texts, e.g. `a body without required property "name"`. */
export function describeProbe(probe: ValidationProbe): string {
  switch (probe.kind) {
    case 'empty-body':
      return 'an empty body';
    case 'missing-property':
      return `a body without required property "${probe.property}"`;
    case 'wrong-type':
      return probe.property ? `a body whose "${probe.property}" is not of type ${probe.expectedType}` : `a body that is not of type ${probe.expectedType}`;
    case 'extra-property':
      return `a body with undeclared property "${probe.property}"`;
    case 'missing-parameter':
      return `no required ${probe.in} parameter "${probe.name}"`;
  }
}

function mutated(valid: unknown, probe: Extract<ValidationProbe, { property: string }>): unknown {
  const wrong = probe.kind === 'wrong-type' ? wrongValue(probe.expectedType) : undefined;
  if (probe.property === '') return wrong;
  const object = isRecord(valid) ? { ...valid } : {};
  if (probe.kind === 'missing-property') delete object[probe.property];
  else if (probe.kind === 'wrong-type') object[probe.property] = wrong;
  else object[probe.property] = 'gateproof';
  return object;
}

/** A JSON value of another type than the schema's. */
const wrongValue = (expectedType: string): unknown => (expectedType === 'string' ? 12345 : `gateproof-not-a-${expectedType}`);

function parseBody(body: string | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function withoutQueryParameter(path: string, name: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  params.delete(name);
  const search = params.toString();
  return search ? `${path.slice(0, q)}?${search}` : path.slice(0, q);
}

const withoutHeader = (headers: Record<string, string>, name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
