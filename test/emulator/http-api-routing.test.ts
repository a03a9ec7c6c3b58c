import { Agent, createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCatalog } from '../../src/emulator/catalog.ts';
import { CorsPolicy } from '../../src/emulator/cors.ts';
import { compileFaults } from '../../src/emulator/faults.ts';
import { createHttpApiHandler } from '../../src/emulator/http-api/server.ts';
import { buildHttpStage } from '../../src/emulator/http-api/stage.ts';
import { MAX_BODY_BYTES, startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { Router } from '../../src/gateway/router.ts';
import { burst, count, echoOf, inlineConfig, inlineModel, request } from './helpers.ts';
import { APIGW_REQUEST_ID } from './http-api-helpers.ts';

/**
 * HTTP APIs chosen by the spec (an HTTP API export, profile left at its default): the $default stage at the root
 * and named stages as a path segment, route selection by route and method with the $default route as the
 * catch-all (the AWS docs' example), throttling per route, and the answers for an unreachable integration and
 * an oversized body.
 */

const ok = (example: unknown) => ({ '200': { description: 'ok', content: { 'application/json': { example } } } });
const route = (name: string) => ({
  responses: ok({ route: name }),
  'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri: 'http://backend.internal/', payloadFormatVersion: '1.0' },
});
const model = inlineModel({
  'x-amazon-apigateway-importexport-version': '1.0',
  paths: {
    // The routes of the AWS docs' "Routing API requests" example.
    '/pets/dog/1': { get: route('GET /pets/dog/1') },
    '/pets/dog/{id}': { get: route('GET /pets/dog/{id}') },
    '/pets/{proxy+}': { get: route('GET /pets/{proxy+}') },
    '/{proxy+}': { 'x-amazon-apigateway-any-method': route('ANY /{proxy+}') },
    '/items': { get: { responses: ok({ route: 'GET /items' }) } },
    '/steady': { get: { responses: ok({ route: 'GET /steady' }) } },
    '/limited': { get: { responses: ok({ route: 'GET /limited' }) } },
    '/$default': {
      'x-amazon-apigateway-any-method': {
        isDefaultRoute: true,
        responses: ok({ route: '$default' }),
        'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri: 'http://backend.internal', payloadFormatVersion: '1.0' },
      },
    },
  },
});

let gw: LocalGateway;
beforeAll(async () => {
  const config = inlineConfig({
    stages: {
      $default: { baseURL: 'http://127.0.0.1', throttle: { rate: 1, burst: 3 }, operationThrottle: { 'GET /limited': { rate: 1, burst: 2 } } },
      beta: { baseURL: 'http://127.0.0.1/beta' },
    },
  });
  gw = await startLocalGateway({ config, model });
});
afterAll(() => gw.close());

const routeOf = async (method: string, path: string): Promise<string> => JSON.parse((await request(gw, method, path)).body).route as string;

describe('an HTTP API export picks the mode by itself', () => {
  it('the spec alone (importexport-version) makes the gateway an HTTP API; the $default stage is the root', () => {
    expect(model.awsHttpApi).toBe(true);
    expect(gw.mode).toBe('http');
    expect(gw.stageURL('$default')).toBe(gw.url);
    expect(gw.stageURL('beta')).toBe(`${gw.url}/beta`);
  });
});

describe('stages: a named stage is the first path segment, everything else goes to $default', () => {
  it('routes a request to the stage it names, else to the $default stage with the full path', async () => {
    expect(echoOf(await request(gw, 'GET', '/beta/items'))).toMatchObject({ backend: 'beta', path: '/items' });
    expect(echoOf(await request(gw, 'GET', '/items'))).toMatchObject({ backend: '$default', path: '/items' });
    // Not a stage name: the $default stage's ANY /{proxy+} route gets /gamma/items.
    expect(await routeOf('GET', '/gamma/items')).toBe('ANY /{proxy+}');
  });
});

describe('routes: the most specific route with the method, then greedy, then $default', () => {
  it('answers the AWS docs example', async () => {
    expect(await routeOf('GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
    expect(await routeOf('GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
    expect(await routeOf('GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
    // A more specific resource without the method does not stop the search (REST would answer its 403 here).
    expect(await routeOf('POST', '/pets/dog/1')).toBe('ANY /{proxy+}');
  });

  it('the $default route takes what no route matches and gets the full request path', async () => {
    const r = await request(gw, 'DELETE', '/');
    expect(JSON.parse(r.body)).toEqual({ route: '$default' });
    expect(echoOf(r)).toMatchObject({ method: 'DELETE', path: '/' });
    expect(echoOf(await request(gw, 'PUT', '/beta/?x=1'))).toMatchObject({ backend: 'beta', method: 'PUT', path: '/', query: { x: '1' } });
  });

  it('the router alone: REST stops at the most specific resource, HTTP APIs fall through to another route with the method', () => {
    const ops = [
      { method: 'GET' as const, path: '/pets/dog/1' },
      { method: 'POST' as const, path: '/pets/{id}/{more}' },
    ];
    expect(new Router(ops).match('POST', '/pets/dog/1')).toEqual({ kind: 'method' });
    expect(new Router(ops, { methodFallThrough: true }).match('POST', '/pets/dog/1')).toEqual({
      kind: 'route',
      operation: ops[1],
      params: { id: 'dog', more: '1' },
    });
    expect(new Router(ops, { methodFallThrough: true }).match('PUT', '/pets/dog/1')).toEqual({ kind: 'method' });
    expect(new Router(ops, { methodFallThrough: true }).match('GET', '/cats')).toEqual({ kind: 'none' });
  });
});

describe('throttling per route', () => {
  it('DefaultRouteSettings give each route its own bucket; RouteSettings replace it for their route; 429 Too Many Requests', async () => {
    const statuses = await burst(6, () => request(gw, 'GET', '/steady'));
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(3);
    expect(count(statuses, 200)).toBeLessThanOrEqual(4);
    const limited = await burst(5, () => request(gw, 'GET', '/limited'));
    expect(count(limited, 200)).toBeGreaterThanOrEqual(2);
    expect(count(limited, 200)).toBeLessThanOrEqual(3);
    const r = await request(gw, 'GET', '/limited');
    expect(r.status).toBe(429);
    expect(r.body).toBe('{"message":"Too Many Requests"}');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
    expect(r.headers['retry-after']).toBeUndefined();
    expect(r.headers['x-amzn-errortype']).toBeUndefined();
    // The other stage has no limits: its routes are never throttled.
    expect(await burst(8, () => request(gw, 'GET', '/beta/limited'))).toEqual(Array(8).fill(200));
  });
});

describe('gateway failures', () => {
  it('an unreachable integration: 500 {"message":"Internal Server Error"} (HTTP API wording, no space)', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as { port: number }).port;
    await new Promise((r) => dead.close(r));
    const config = inlineConfig({ stages: { live: { baseURL: 'http://127.0.0.1/live' } } });
    const faults = compileFaults([], new Set(model.operations.map((o) => o.key)), new Set(['live']));
    const stage = buildHttpStage({
      name: 'live',
      config,
      model,
      faults,
      catalog: new ResponseCatalog(1, model.specVersion),
      backend: { host: '127.0.0.1', port },
    });
    const agent = new Agent({ keepAlive: true });
    const server = createServer(createHttpApiHandler({ stages: new Map([['live', stage]]), faults, cors: new CorsPolicy(undefined, false), agent }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await request({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }, 'GET', '/live/items');
      expect(r.status).toBe(500);
      expect(r.body).toBe('{"message":"Internal Server Error"}');
      expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('a body above the 10 MB payload limit: 413 before the integration', async () => {
    const r = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const url = new URL(gw.url);
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: 'POST', path: '/beta/upload', headers: { 'content-length': String(MAX_BODY_BYTES + 1) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.write('{');
    });
    expect(r.status).toBe(413);
    expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
    expect(r.headers['x-gateproof-echo']).toBeUndefined();
  });
});
