import { describe, expect, it } from 'vitest';
import { expectedBackend, jsonField, reachedBackend, readBackend } from '../../src/oracle/backend.ts';
import { compareBackend, compareRoute } from '../../src/oracle/compare.ts';
import { routeOracle } from '../../src/checks/route/oracle.ts';
import { buildRequest } from '../../src/request/build.ts';
import { parseConfig } from '../../src/config/load.ts';
import type { Operation } from '../../src/openapi/model.ts';

const echo = (record: object) => ({ headers: { 'x-gateproof-echo': JSON.stringify(record) }, body: '{}' });
const ECHO = { type: 'echo' as const };

describe('readBackend / reachedBackend', () => {
  it('reads the echo record: identity and the request the backend saw', () => {
    const view = readBackend(ECHO, echo({ backend: 'prod', method: 'GET', path: '/pets/abc123', query: { limit: '5' } }));
    expect(view).toEqual({ backend: 'prod', route: { method: 'GET', path: '/pets/abc123', query: { limit: '5' } } });
  });

  it('reads a configured header or JSON body field', () => {
    expect(readBackend({ type: 'header', name: 'X-Backend' }, { headers: { 'x-backend': 'blue' }, body: '' })).toEqual({ backend: 'blue' });
    expect(readBackend({ type: 'body', name: 'meta.backend' }, { headers: {}, body: '{"meta":{"backend":"green"}}' })).toEqual({ backend: 'green' });
    expect(readBackend({ type: 'body', name: 'meta.backend' }, { headers: {}, body: 'not json' })).toBeUndefined();
    expect(readBackend({ type: 'none' }, echo({ backend: 'x', method: 'GET', path: '/', query: {} }))).toBeUndefined();
  });

  it('counts the echo header as reaching a backend whatever oracle is configured', () => {
    expect(reachedBackend({ type: 'none' }, echo({ backend: 'x', method: 'GET', path: '/', query: {} }))).toBe(true);
    expect(reachedBackend(ECHO, { headers: { 'x-amzn-errortype': 'ForbiddenException' }, body: '{"message":"Forbidden"}' })).toBe(false);
    expect(reachedBackend({ type: 'header', name: 'x-backend' }, { headers: { 'x-backend': 'blue' }, body: '' })).toBe(true);
  });

  it('expects oracle.expect, else the stage name', () => {
    expect(expectedBackend({ type: 'echo', expect: 'pets-prod' }, 'prod')).toBe('pets-prod');
    expect(expectedBackend(ECHO, 'prod')).toBe('prod');
    expect(jsonField('{"a":{"b":3}}', 'a.b')).toBe('3');
  });
});

describe('compareBackend / compareRoute', () => {
  it('names the wrong backend', () => {
    expect(compareBackend('dev', { backend: 'dev' }, 'x-gateproof-echo header')).toEqual([]);
    expect(compareBackend('dev', { backend: 'prod' }, 'x-gateproof-echo header')).toEqual(['answered by backend "prod", expected "dev"']);
    expect(compareBackend('dev', undefined, 'x-gateproof-echo header')).toEqual(['no backend identity in the x-gateproof-echo header']);
  });

  it('compares method, path and query, ignoring credential query parameters', () => {
    const expected = { method: 'GET', path: '/pets/abc', query: { limit: '5' } };
    expect(compareRoute(expected, { method: 'get', path: '/pets/abc', query: { limit: '5', api_key: 'k' } }, ['api_key'])).toEqual([]);
    expect(compareRoute(expected, { method: 'GET', path: '/owners/abc', query: {} })).toEqual([
      'backend saw path /owners/abc, expected /pets/abc',
      'backend saw query (none), expected limit=5',
    ]);
    expect(compareRoute(expected, { method: 'POST', path: '/pets/abc', query: { limit: '5' } })).toEqual(['backend saw method POST, expected GET']);
  });
});

describe('routeOracle (echo against the integration mapping)', () => {
  const config = parseConfig(
    { spec: './x.yaml', stages: { dev: { baseURL: 'http://127.0.0.1:1/dev', variables: { backendHost: 'pets-dev:8080' } } } },
    '/tmp/gateproof.config.ts',
    { environment: {} },
  );
  const stage = config.stages.dev!;
  const op: Operation = {
    key: 'GET /pets/{petId}',
    method: 'GET',
    path: '/pets/{petId}',
    tags: [],
    parameters: [
      { name: 'petId', in: 'path', required: true, schema: { type: 'string', enum: ['abc123'] } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', default: 5 } },
    ],
    responses: [{ status: '200', content: [] }],
    security: [],
    explicitlyPublic: true,
    apiKeyRequired: false,
    integration: {
      type: 'http_proxy',
      uri: 'http://${stageVariables.backendHost}/v2/pets/{id}',
      httpMethod: 'GET',
      requestParameters: {
        'integration.request.path.id': 'method.request.path.petId',
        'integration.request.querystring.limit': 'method.request.querystring.limit',
      },
    },
    greedy: false,
  };
  const ctx = { stage, check: { stage: 'dev' } } as Parameters<typeof routeOracle>[0];

  it('passes when the backend saw the mapped route and fails naming what differs', async () => {
    const built = await buildRequest(stage, op, 1);
    expect(built.request.path).toBe('/pets/abc123?limit=5');
    expect(routeOracle(ctx, op, built, echo({ backend: 'dev', method: 'GET', path: '/v2/pets/abc123', query: { limit: '5' } })).problems).toEqual([]);
    expect(routeOracle(ctx, op, built, echo({ backend: 'prod', method: 'GET', path: '/v2/owners/abc123', query: { limit: '5' } })).problems).toEqual([
      'answered by backend "prod", expected "dev"',
      'backend saw path /v2/owners/abc123, expected /v2/pets/abc123',
    ]);
  });

  it('has nothing to observe on a MOCK integration', async () => {
    const mock = { ...op, integration: { type: 'mock' as const, requestParameters: {} } };
    const built = await buildRequest(stage, mock, 1);
    expect(routeOracle(ctx, mock, built, { headers: {}, body: '' })).toEqual({ problems: [] });
  });
});
