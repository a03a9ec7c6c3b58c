import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedIntegrationRequest } from '../../src/gateway/integration.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { echoOf, exampleGateway, inlineConfig, inlineModel, request, type Example } from './helpers.ts';

let gw: LocalGateway & Example;
let devKey: string;
let prodKey: string;

beforeAll(async () => {
  gw = await exampleGateway(['no-throttle']);
  devKey = gw.config.stages.dev!.credentials.apiKeys.default!;
  prodKey = gw.config.stages.prod!.credentials.apiKeys.default!;
});
afterAll(() => gw.close());

describe('stages and routes of the example API', () => {
  it('each stage reaches its own echo backend with the integration path and query mapped', async () => {
    for (const [stage, key] of [
      ['dev', devKey],
      ['prod', prodKey],
    ] as const) {
      const r = await request(gw, 'GET', `/${stage}/pets?limit=5&species=cat`, { 'x-api-key': key });
      expect(r.status).toBe(200);
      expect(echoOf(r)).toEqual({ backend: stage, method: 'GET', path: '/pets', query: { limit: '5', species: 'cat' } });
    }
  });

  it('the echo oracle equals expectedIntegrationRequest for the same call', async () => {
    const op = gw.model.operations.find((o) => o.key === 'GET /pets/{petId}')!;
    const r = await request(gw, 'GET', '/dev/pets/abc-123?x=1', { 'x-api-key': devKey });
    const expected = expectedIntegrationRequest(op, gw.config.stages.dev!, { petId: 'abc-123' }, { x: '1' });
    const { backend, ...mapped } = echoOf(r)!;
    expect(backend).toBe('dev');
    expect(mapped).toEqual(expected);
  });

  it('echo answers with the documented success status and a schema-shaped body', async () => {
    const r = await request(gw, 'GET', '/dev/files/reports/2026/q1.pdf', { 'x-api-key': devKey });
    expect(r.status).toBe(200);
    expect(echoOf(r)!.path).toBe('/files/reports/2026/q1.pdf');
    const body = JSON.parse(r.body) as { path: unknown; size: unknown };
    expect(typeof body.path).toBe('string');
    expect(Number.isInteger(body.size)).toBe(true);
    const del = await request(gw, 'DELETE', '/dev/pets/abc123', {
      authorization: `Bearer ${await (await import('./helpers.ts')).mintToken(gw.config.stages.dev!.credentials.jwt!.secret!)}`,
    });
    expect(del.status).toBe(204);
    expect(del.body).toBe('');
  });

  it('exposure: GET /admin/stats exists on dev only; prod answers like an unknown route', async () => {
    const prod = await request(gw, 'GET', '/prod/admin/stats', { 'x-api-key': prodKey });
    expect(prod.status).toBe(403);
    expect(prod.body).toBe('{"message":"Missing Authentication Token"}');
    const dev = await request(gw, 'GET', '/dev/admin/stats', { 'x-api-key': devKey });
    expect(dev.status).toBe(401); // exists: its JWT authorizer answers
  });

  it('public operations answer without credentials', async () => {
    const r = await request(gw, 'GET', '/prod/pets/abc123/photos');
    expect(r.status).toBe(200);
    expect(echoOf(r)).toEqual({ backend: 'prod', method: 'GET', path: '/pets/abc123/photos', query: {} });
  });
});

describe('path spellings never bypass auth', () => {
  const secured = [
    '/dev/pets/',
    '/dev/pets//',
    '/dev//pets',
    '/dev/p%65ts',
    '/dev/%70ets/',
    '/dev/PETS',
    '/dev/pets/./',
    '/dev/pets/abc123/',
    '/dev/pets%2Fabc123',
    '/dev/files/a//b',
  ];
  it.each(secured)('%s without a key never reaches a backend', async (path) => {
    const r = await request(gw, 'GET', path);
    expect([403]).toContain(r.status);
    expect(r.headers['x-gateproof-echo']).toBeUndefined();
  });

  it('a trailing slash and percent-encoding reach the same route with its auth (like AWS)', async () => {
    expect((await request(gw, 'GET', '/dev/pets/', { 'x-api-key': devKey })).status).toBe(200);
    const encoded = await request(gw, 'GET', '/dev/p%65ts', { 'x-api-key': devKey });
    expect(encoded.status).toBe(200);
    expect(echoOf(encoded)!.path).toBe('/pets');
  });

  it('case is not normalised: /PETS is an unknown route', async () => {
    const r = await request(gw, 'GET', '/dev/PETS', { 'x-api-key': devKey });
    expect(r.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('method-override headers are ignored', async () => {
    for (const header of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
      // A public GET stays a GET: the override must not turn it into the secured DELETE.
      const r = await request(gw, 'GET', '/dev/pets/abc123', { [header]: 'DELETE', 'x-api-key': devKey });
      expect(echoOf(r)!.method).toBe('GET');
      // And a POST with an override to GET is still the (JWT-secured) POST.
      const p = await request(gw, 'POST', '/dev/pets', { [header]: 'GET', 'x-api-key': devKey });
      expect(p.status).toBe(401);
    }
  });
});

describe('inline routing: ANY, greedy, precedence, stage variables, http vs http_proxy', () => {
  let local: LocalGateway;
  const ok = {
    responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } } },
  };
  beforeAll(async () => {
    const model = inlineModel({
      paths: {
        '/items/search': {
          get: { ...ok, 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'http://${stageVariables.host}/v2/search' } },
        },
        '/items/{id}': {
          get: {
            ...ok,
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'GET',
              uri: 'https://${stageVariables.host}/v2/items/{itemId}',
              requestParameters: { 'integration.request.path.itemId': 'method.request.path.id' },
            },
          },
          'x-amazon-apigateway-any-method': {
            ...ok,
            'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri: 'http://${stageVariables.host}/any/{id}' },
          },
        },
        '/proxy/{proxy+}': { get: { ...ok, 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'http://backend/p/{proxy}' } } },
        '/strict': {
          get: {
            ...ok,
            'x-amazon-apigateway-integration': {
              type: 'http',
              httpMethod: 'POST',
              uri: 'http://${stageVariables.host}/legacy?fixed=1',
              requestParameters: { 'integration.request.querystring.q': 'method.request.querystring.term', 'integration.request.querystring.env': "'static'" },
            },
          },
        },
        '/none': { get: ok },
      },
    });
    const config = inlineConfig({
      stages: {
        blue: { baseURL: 'http://127.0.0.1/blue', variables: { host: 'blue.internal:8080' } },
        green: { baseURL: 'http://127.0.0.1/green', variables: { host: 'green.internal' }, oracle: { type: 'echo', expect: 'green-svc' } },
      },
    });
    local = await startLocalGateway({ config, model });
  });
  afterAll(() => local?.close());

  it('the echo identifies itself as the stage oracle expects (oracle.expect, else the stage name)', async () => {
    expect(echoOf(await request(local, 'GET', '/green/none'))!.backend).toBe('green-svc');
    expect(echoOf(await request(local, 'GET', '/blue/none'))!.backend).toBe('blue');
  });

  it('literal segments win over parameters', async () => {
    expect(echoOf(await request(local, 'GET', '/blue/items/search?x=1'))).toEqual({ backend: 'blue', method: 'GET', path: '/v2/search', query: { x: '1' } });
    expect(echoOf(await request(local, 'GET', '/green/items/42'))).toEqual({ backend: 'green-svc', method: 'GET', path: '/v2/items/42', query: {} });
  });

  it('ANY answers the methods a resource does not declare, passing the method through', async () => {
    const r = await request(local, 'PATCH', '/blue/items/7', { 'content-type': 'application/json' }, '{"a":1}');
    expect(r.status).toBe(200);
    expect(echoOf(r)).toEqual({ backend: 'blue', method: 'PATCH', path: '/any/7', query: {} });
    // A literal resource without the method does not fall through to the parameter's ANY.
    expect((await request(local, 'DELETE', '/blue/items/search')).status).toBe(403);
  });

  it('greedy {proxy+} takes the rest of the path (one segment at least)', async () => {
    expect(echoOf(await request(local, 'GET', '/blue/proxy/a/b/c%20d.txt'))!.path).toBe('/p/a/b/c d.txt');
    expect((await request(local, 'GET', '/blue/proxy')).status).toBe(403);
    expect((await request(local, 'GET', '/blue/proxy/')).status).toBe(403);
  });

  it('http (non-proxy) passes only mapped query parameters, static values and the URI query; method from httpMethod', async () => {
    const r = await request(local, 'GET', '/green/strict?term=cats&other=drop');
    expect(echoOf(r)).toEqual({ backend: 'green-svc', method: 'POST', path: '/legacy', query: { fixed: '1', q: 'cats', env: 'static' } });
  });

  it('no integration at all: the echo gets the resource path', async () => {
    expect(echoOf(await request(local, 'GET', '/blue/none?z=9'))).toEqual({ backend: 'blue', method: 'GET', path: '/none', query: { z: '9' } });
  });

  it('expectedIntegrationRequest resolves stage variables and is undefined for MOCK', () => {
    const model = inlineModel({ paths: { '/m': { get: { ...ok, 'x-amazon-apigateway-integration': { type: 'mock' } } } } });
    expect(expectedIntegrationRequest(model.operations[0]!, { variables: {} }, {}, {})).toBeUndefined();
  });
});
