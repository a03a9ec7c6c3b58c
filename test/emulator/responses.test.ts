import { Agent, createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCatalog } from '../../src/emulator/catalog.ts';
import { CorsPolicy } from '../../src/emulator/cors.ts';
import { compileFaults } from '../../src/emulator/faults.ts';
import { MAX_BODY_BYTES, startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { GatewayResponder } from '../../src/emulator/responses.ts';
import { createHandler } from '../../src/emulator/server.ts';
import { buildStage } from '../../src/emulator/stage.ts';
import { inlineConfig, inlineModel, request } from './helpers.ts';

/** x-amazon-apigateway-gateway-responses customisations, validators, CORS configuration and the body bound. */

const ok = { '200': { description: 'ok', content: { 'application/json': { example: { ok: true } } } } };
const model = inlineModel({
  'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true } },
  'x-amazon-apigateway-gateway-responses': {
    UNAUTHORIZED: {
      statusCode: 401,
      responseParameters: {
        'gatewayresponse.header.WWW-Authenticate': '\'Bearer realm="local"\'',
        'gatewayresponse.header.x-seen-origin': 'method.request.header.origin',
        'gatewayresponse.header.x-stage': 'context.stage',
      },
      responseTemplates: {
        'application/json': '{"error":$context.error.messageString,"type":"$context.error.responseType","id":"$context.requestId","stage":"$context.stage"}',
      },
    },
    THROTTLED: { statusCode: 503 },
    DEFAULT_4XX: { responseTemplates: { 'application/json': '{"oops":$context.error.messageString}' } },
  },
  'x-amazon-apigateway-cors': {
    allowOrigins: ['https://app.example'],
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['authorization', 'content-type'],
    allowCredentials: true,
  },
  paths: {
    '/secure': { get: { security: [{ partner: [] }], responses: ok, 'x-amazon-apigateway-integration': { type: 'mock' } } },
    '/limited': { get: { responses: ok, 'x-amazon-apigateway-integration': { type: 'mock' } } },
    '/search': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'page', in: 'query', schema: { type: 'integer' } },
        ],
        responses: ok,
        'x-amazon-apigateway-request-validator': 'all',
        'x-amazon-apigateway-integration': { type: 'mock' },
      },
    },
    '/upload': {
      post: {
        requestBody: {
          required: false,
          content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } } },
        },
        responses: ok,
        'x-amazon-apigateway-request-validator': 'all',
        'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'POST', uri: 'http://backend/upload' },
      },
    },
  },
  components: {
    securitySchemes: {
      partner: {
        type: 'apiKey',
        name: 'X-Partner',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': { type: 'token', identitySource: 'method.request.header.X-Partner' },
      },
    },
  },
});

let gw: LocalGateway;
beforeAll(async () => {
  const config = inlineConfig({
    stages: {
      live: {
        baseURL: 'http://127.0.0.1/live',
        operationThrottle: { 'GET /limited': { rate: 0.1, burst: 1 } },
        credentials: { lambda: { allow: ['partner-ok'] } },
      },
    },
  });
  gw = await startLocalGateway({ config, model });
});
afterAll(() => gw.close());

describe('custom gateway responses', () => {
  it('UNAUTHORIZED: template with $context variables and mapped header parameters', async () => {
    const r = await request(gw, 'GET', '/live/secure', { origin: 'https://app.example' });
    expect(r.status).toBe(401);
    const body = JSON.parse(r.body) as Record<string, string>;
    expect(body).toEqual({ error: 'Unauthorized', type: 'UNAUTHORIZED', id: r.headers['x-amzn-requestid'], stage: 'live' });
    expect(r.headers['www-authenticate']).toBe('Bearer realm="local"');
    expect(r.headers['x-seen-origin']).toBe('https://app.example');
    expect(r.headers['x-stage']).toBe('live');
    expect(r.headers['x-amzn-errortype']).toBe('UnauthorizedException');
  });

  it('THROTTLED: customised status, default body', async () => {
    await request(gw, 'GET', '/live/limited');
    const r = await request(gw, 'GET', '/live/limited');
    expect(r.status).toBe(503);
    expect(r.body).toBe('{"message":"Too Many Requests"}');
    expect(r.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
  });

  it('DEFAULT_4XX applies to uncustomised 4xx types, keeping their status', async () => {
    const r = await request(gw, 'GET', '/live/nowhere');
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"oops":"Missing Authentication Token"}');
  });

  it('an unknown stage is answered before the API: not customisable', async () => {
    const r = await request(gw, 'GET', '/other/secure');
    expect(r.body).toBe('{"message":"Forbidden"}');
  });
});

describe('request validators', () => {
  it('missing required parameters are listed in declaration order', async () => {
    const r = await request(gw, 'GET', '/live/search?page=1');
    expect(r.status).toBe(400);
    expect(r.body).toBe('{"oops":"Missing required request parameters: [limit, X-Trace]"}');
    expect(r.headers['x-amzn-errortype']).toBe('BadRequestException');
    const one = await request(gw, 'GET', '/live/search?limit=3');
    expect(one.body).toBe('{"oops":"Missing required request parameters: [X-Trace]"}');
    expect((await request(gw, 'GET', '/live/search?limit=3', { 'x-trace': 't' })).status).toBe(200);
  });

  it('body checked with formats; an optional body may be absent', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await request(gw, 'POST', '/live/upload', json, '{"id":"not-a-uuid"}')).status).toBe(400);
    expect((await request(gw, 'POST', '/live/upload', json, '{"id":"6b0c3f0e-64a4-4c55-9d0b-1f1c2a7e3b11"}')).status).toBe(200);
    expect((await request(gw, 'POST', '/live/upload')).status).toBe(200);
  });
});

describe('CORS from x-amazon-apigateway-cors', () => {
  const preflight = (origin: string) => ({ origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });

  it('answers preflights of allowed origins', async () => {
    const r = await request(gw, 'OPTIONS', '/live/upload', preflight('https://app.example'));
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(r.headers['access-control-allow-credentials']).toBe('true');
    expect(r.headers['access-control-allow-methods']).toBe('GET,POST');
    expect(r.headers['access-control-allow-headers']).toBe('authorization,content-type');
    expect(r.headers['x-amzn-requestid']).toBeDefined();
  });

  it('other origins get no CORS headers, on preflights and ordinary responses', async () => {
    const r = await request(gw, 'OPTIONS', '/live/upload', preflight('https://evil.example'));
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(gw, 'GET', '/live/search?limit=1', { origin: 'https://evil.example', 'x-trace': '1' });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await request(gw, 'GET', '/live/search?limit=1', { origin: 'https://app.example', 'x-trace': '1' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
  });
});

describe('request body bound', () => {
  it('a declared Content-Length above 10 MB gets 413 without reading the body', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(gw.url);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/live/upload',
          headers: { 'content-length': String(MAX_BODY_BYTES + 1), 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"id":');
    });
    expect(r.status).toBe(413);
    expect(r.body).toBe('{"oops":"Request Too Long"}');
  });

  it('a chunked body growing past 10 MB is cut off with 413', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const url = new URL(gw.url);
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: 'POST', path: '/live/upload', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(e)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 12) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(r).toBe(413);
  });
});

describe('integration failure', () => {
  it('an unreachable backend answers 500 {"message": "Internal server error"} (with the space)', async () => {
    // A port that was listening a moment ago and is closed now.
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as { port: number }).port;
    await new Promise((r) => dead.close(r));
    const config = inlineConfig({ stages: { live: { baseURL: 'http://127.0.0.1/live' } } });
    const faults = compileFaults([], new Set(model.operations.map((o) => o.key)), new Set(['live']));
    const stage = buildStage({ name: 'live', config, model, faults, catalog: new ResponseCatalog(1), backend: { host: '127.0.0.1', port } });
    const agent = new Agent({ keepAlive: true });
    const server = createServer(
      createHandler({ stages: new Map([['live', stage]]), faults, responder: new GatewayResponder({}), cors: new CorsPolicy(undefined, false), agent }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const r = await request({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }, 'POST', '/live/upload');
      expect(r.status).toBe(500);
      expect(r.body).toBe('{"message": "Internal server error"}');
      expect(r.headers['x-amzn-errortype']).toBe('InternalServerErrorException');
      expect(r.headers['x-amzn-requestid']).toBeDefined();
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
