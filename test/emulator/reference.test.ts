import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../../src/emulator/index.ts';
import { echoOf, exampleGateway, mintToken, request, type Example } from './helpers.ts';

/** Every row of shared/reference/aws-api-gateway.md "REST API default responses" the local gateway models. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let gw: LocalGateway & Example;
let devKey: string;
let prodKey: string;
let devJwt: string;

beforeAll(async () => {
  gw = await exampleGateway();
  devKey = gw.config.stages.dev!.credentials.apiKeys.default!;
  prodKey = gw.config.stages.prod!.credentials.apiKeys.default!;
  devJwt = await mintToken(gw.config.stages.dev!.credentials.jwt!.secret!);
});
afterAll(() => gw.close());

function expectGatewayError(r: { status: number; body: string; headers: Record<string, string> }, status: number, body: string, errorType: string): void {
  expect(r.status).toBe(status);
  expect(r.body).toBe(body);
  expect(r.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  expect(r.headers['x-amzn-errortype']).toBe(errorType);
  expect(r.headers['x-amzn-requestid']).toMatch(UUID);
  expect(r.headers['x-amz-apigw-id']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  expect(r.headers['retry-after']).toBeUndefined();
}

describe('AWS REST default responses', () => {
  it('undeclared path: 403 Missing Authentication Token (exact bytes, 42 long)', async () => {
    const r = await request(gw, 'GET', '/dev/no/such/path');
    expectGatewayError(r, 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException');
    expect(r.headers['content-length']).toBe('42');
    expect(r.headers['x-gateproof-echo']).toBeUndefined();
  });

  it('declared path, undeclared method: the same Missing Authentication Token', async () => {
    const r = await request(gw, 'PATCH', '/dev/pets', { 'x-api-key': devKey });
    expectGatewayError(r, 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException');
    const head = await request(gw, 'HEAD', '/dev/health');
    expect(head.status).toBe(403);
    expect(head.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('undeclared path with a non-SigV4 Authorization header: IncompleteSignatureException', async () => {
    const r = await request(gw, 'GET', '/dev/nowhere', { authorization: `Bearer ${devJwt}` });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(
      /^\{"message":"Invalid key=value pair \(missing equal-sign\) in Authorization header \(hashed with SHA-256 and encoded with Base64\): '[A-Za-z0-9+/=]+'\."\}$/,
    );
    expect(r.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
  });

  it('unknown stage: 403 Forbidden (23 bytes), ForbiddenException', async () => {
    const r = await request(gw, 'GET', '/staging/health');
    expectGatewayError(r, 403, '{"message":"Forbidden"}', 'ForbiddenException');
    expect(r.headers['content-length']).toBe('23');
    expectGatewayError(await request(gw, 'GET', '/'), 403, '{"message":"Forbidden"}', 'ForbiddenException');
    // Stage names are case-sensitive like AWS.
    expectGatewayError(await request(gw, 'GET', '/DEV/health'), 403, '{"message":"Forbidden"}', 'ForbiddenException');
  });

  it('API key missing, unknown, or of another stage: 403 Forbidden', async () => {
    for (const headers of [{}, { 'x-api-key': 'not-a-key-123456' }, { 'x-api-key': prodKey }] as Record<string, string>[]) {
      expectGatewayError(await request(gw, 'GET', '/dev/pets', headers), 403, '{"message":"Forbidden"}', 'ForbiddenException');
    }
    const ok = await request(gw, 'GET', '/prod/pets', { 'x-api-key': prodKey });
    expect(ok.status).toBe(200);
  });

  it('Lambda token authorizer: missing or unknown token 401, explicit deny 403 (capital M), allow 200', async () => {
    const lambda = gw.config.stages.dev!.credentials.lambda!;
    expectGatewayError(await request(gw, 'GET', '/dev/owners/7'), 401, '{"message":"Unauthorized"}', 'UnauthorizedException');
    expectGatewayError(
      await request(gw, 'GET', '/dev/owners/7', { 'x-partner-token': 'who-knows' }),
      401,
      '{"message":"Unauthorized"}',
      'UnauthorizedException',
    );
    expectGatewayError(
      await request(gw, 'GET', '/dev/owners/7', { 'x-partner-token': lambda.deny[0]! }),
      403,
      '{"Message":"User is not authorized to access this resource with an explicit deny"}',
      'AccessDeniedException',
    );
    const ok = await request(gw, 'GET', '/dev/owners/7', { 'x-partner-token': lambda.allow[0]! });
    expect(ok.status).toBe(200);
    // The prod stage's token is not valid on dev.
    const other = await request(gw, 'GET', '/dev/owners/7', { 'x-partner-token': gw.config.stages.prod!.credentials.lambda!.allow[0]! });
    expect(other.status).toBe(401);
  });

  it('JWT authorizer: missing or invalid token 401 Unauthorized', async () => {
    expectGatewayError(
      await request(gw, 'PUT', '/dev/pets/abc123', { 'content-type': 'application/json' }, '{"name":"a","species":"dog"}'),
      401,
      '{"message":"Unauthorized"}',
      'UnauthorizedException',
    );
    expectGatewayError(
      await request(gw, 'PUT', '/dev/pets/abc123', { authorization: 'Bearer abc.def.ghi' }, '{}'),
      401,
      '{"message":"Unauthorized"}',
      'UnauthorizedException',
    );
  });

  it('request validator: invalid body -> 400 Invalid request body; a valid body passes', async () => {
    const headers = { authorization: `Bearer ${devJwt}`, 'content-type': 'application/json' };
    expectGatewayError(
      await request(gw, 'PUT', '/dev/pets/abc123', headers, '{"name":"rex"}'),
      400,
      '{"message":"Invalid request body"}',
      'BadRequestException',
    );
    expectGatewayError(await request(gw, 'PUT', '/dev/pets/abc123', headers, '{not json'), 400, '{"message":"Invalid request body"}', 'BadRequestException');
    expectGatewayError(
      await request(gw, 'PUT', '/dev/pets/abc123', headers, '{"name":"rex","species":"dog","extra":1}'),
      400,
      '{"message":"Invalid request body"}',
      'BadRequestException',
    );
    expectGatewayError(await request(gw, 'PUT', '/dev/pets/abc123', headers), 400, '{"message":"Invalid request body"}', 'BadRequestException');
    const ok = await request(gw, 'PUT', '/dev/pets/abc123', headers, '{"name":"rex","species":"dog","birthDate":"2020-02-02"}');
    expect(ok.status).toBe(200);
  });

  it('quota exhausted: 429 Limit Exceeded through the spec QUOTA_EXCEEDED template', async () => {
    const quotaKey = gw.config.stages.dev!.credentials.apiKeys.quota!;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await request(gw, 'GET', '/dev/pets/abc123', { 'x-api-key': quotaKey })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expectGatewayError(await request(gw, 'GET', '/dev/pets', { 'x-api-key': quotaKey }), 429, '{"message":"Limit Exceeded"}', 'LimitExceededException');
    // The default key of the same stage has no quota.
    expect((await request(gw, 'GET', '/dev/pets/abc123', { 'x-api-key': devKey })).status).toBe(200);
  });

  it("success responses carry request ids and remap the backend's reserved headers", async () => {
    const r = await request(gw, 'GET', '/dev/pets/abc123', { 'x-api-key': devKey });
    expect(r.status).toBe(200);
    expect(r.headers['x-amzn-requestid']).toMatch(UUID);
    expect(r.headers['x-amz-apigw-id']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(r.headers['x-amzn-errortype']).toBeUndefined();
    expect(r.headers.server).toBeUndefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
    expect(r.headers['x-amzn-remapped-server']).toBe('gateproof-echo');
    expect(r.headers['x-amzn-remapped-date']).toBeDefined();
    expect(echoOf(r)).toEqual({ backend: 'dev', method: 'GET', path: '/pets/abc123', query: {} });
    const ids = new Set(await Promise.all([1, 2, 3].map(async () => (await request(gw, 'GET', '/dev/health')).headers['x-amzn-requestid'])));
    expect(ids.size).toBe(3);
  });

  it('MOCK integration answers its example without calling a backend', async () => {
    const r = await request(gw, 'GET', '/dev/health');
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"status":"ok"}');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-gateproof-echo']).toBeUndefined();
  });
});
