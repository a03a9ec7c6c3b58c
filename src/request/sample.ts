import type { Faker } from '@faker-js/faker';
import { sampleFromSchema, seededFaker } from '../openapi/sample.ts';
import type { JsonSchema, Operation, Parameter } from '../openapi/model.ts';

/**
 * A valid request for an operation, generated from its schemas: path parameters, the query parameters that
 * are required or mapped by the integration, required headers and a body. Reproducible: the same seed and
 * operation give the same request, whatever else the plan holds. Credentials are added separately.
 */
export interface SampledRequest {
  method: string;
  /** Encoded path below the stage, without the query string, e.g. /pets/abc123. */
  path: string;
  /** Decoded values, as the integration mapping sees them. */
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

export function sampleRequest(op: Pick<Operation, 'key' | 'method' | 'path' | 'parameters' | 'requestBody' | 'integration'>, seed: number): SampledRequest {
  const faker = seededFaker(operationSeed(seed, op.key));
  const pathParams = samplePathParams(op.path, op.parameters, faker);
  const mapped = mappedQueryNames(op);
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'query' && (p.required || mapped.has(p.name))) query[p.name] = paramValue(p, faker);
    if (p.in === 'header' && p.required) headers[p.name.toLowerCase()] = paramValue(p, faker);
  }
  const media = op.requestBody?.content.find((c) => /json/i.test(c.mediaType)) ?? op.requestBody?.content[0];
  let body: string | undefined;
  if (media) {
    const value = media.example !== undefined ? media.example : sampleFromSchema(media.schema, faker);
    body = typeof value === 'string' && !/json/i.test(media.mediaType) ? value : JSON.stringify(value);
    headers['content-type'] = media.mediaType;
  }
  return {
    method: op.method === 'ANY' ? 'GET' : op.method,
    path: fillPath(op.path, pathParams),
    pathParams,
    query,
    headers,
    ...(body !== undefined ? { body } : {}),
  };
}

/** Values for the {name} / {name+} segments of a path template. */
export function samplePathParams(template: string, parameters: readonly Parameter[], faker: Faker): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, greedy] of template.matchAll(/\{([^}+]+)(\+?)\}/g)) {
    const param = parameters.find((p) => p.in === 'path' && p.name === name) ?? { name: name!, in: 'path' as const, required: true };
    const value = paramValue(param, faker);
    // A greedy segment is exercised with a nested path when its schema allows any string.
    out[name!] = greedy && isPlainString(param.schema) && !value.includes('/') ? `${value}/${paramValue(param, faker)}` : value;
  }
  return out;
}

/** The template with its parameters filled in and percent-encoded (greedy values keep their slashes). */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}+]+)(\+?)\}/g, (_m, name: string, greedy: string) => {
    const value = values[name] ?? '';
    return greedy ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}

export function withQuery(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** Per-operation seed: adding or removing other operations never changes this one's data. */
export function operationSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return (seed + (hash % 1_000_000)) | 0;
}

function paramValue(param: Pick<Parameter, 'schema' | 'example'>, faker: Faker): string {
  const value = param.example !== undefined ? param.example : sampleFromSchema(param.schema ?? { type: 'string' }, faker);
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function mappedQueryNames(op: Pick<Operation, 'integration'>): Set<string> {
  const names = new Set<string>();
  for (const source of Object.values(op.integration?.requestParameters ?? {})) {
    const name = /^method\.request\.querystring\.(.+)$/.exec(source.trim())?.[1];
    if (name) names.add(name);
  }
  return names;
}

const isPlainString = (schema: JsonSchema | undefined): boolean =>
  !schema ||
  ((schema.type === undefined || schema.type === 'string') &&
    schema.pattern === undefined &&
    schema.enum === undefined &&
    schema.format === undefined &&
    schema.maxLength === undefined);
