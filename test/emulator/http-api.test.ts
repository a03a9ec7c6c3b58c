import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../../src/emulator/index.ts';
import { echoOf, request, unsignedToken, type Example } from './helpers.ts';
import { APIGW_REQUEST_ID, devKey, httpExampleGateway, mintRs256, prodKey } from './http-api-helpers.ts';

/**
 * The HTTP API answers of shared/reference/aws-api-gateway.md (HTTP API section) and the AWS docs, against the
 * local gateway in HTTP-API mode (examples/http-api): status, exact body bytes, headers.
 */

let gw: LocalGateway & Example;
let token: string;
beforeAll(async () => {
  gw = await httpExampleGateway();
  token = await mintRs256(devKey(gw));
});
afterAll(() => gw.close());

type Answer = { status: number; body: string; headers: Record<string, string> };

/** A gateway-generated answer of an HTTP API: JSON without a space, apigw-requestid, none of REST's headers. */
function expectGatewayAnswer(r: Answer, status: number, body: string): void {
  expect(r.status).toBe(status);
  expect(r.body).toBe(body);
  expect(r.headers['content-type']).toBe('application/json');
  expect(r.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
  expect(r.headers['x-amzn-errortype']).toBeUndefined();
  expect(r.headers['x-amzn-requestid']).toBeUndefined();
  expect(r.headers['retry-after']).toBeUndefined();
  expect(r.headers['x-gateproof-echo']).toBeUndefined();
}

const invalidToken = (description: string): string => `Bearer scope="" error="invalid_token" error_description="${description}"`;

describe('HTTP-API mode', () => {
  it('is chosen by the profile (aws-http) and serves named stages as the first path segment', async () => {
    expect(gw.mode).toBe('http');
    expect(gw.stageURL('dev')).toBe(`${gw.url}/dev`);
    const r = await request(gw, 'GET', '/dev/health');
    expect(r.status).toBe(200);
    expect(echoOf(r)).toMatchObject({ backend: 'dev', method: 'GET', path: '/health' });
    expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
    expect(r.headers['x-amzn-requestid']).toBeUndefined();
  });
});

describe('no matching route: 404 {"message":"Not Found"}', () => {
  it('an undeclared path (23 bytes)', async () => {
    const r = await request(gw, 'GET', '/dev/no/such/path');
    expectGatewayAnswer(r, 404, '{"message":"Not Found"}');
    expect(r.headers['content-length']).toBe('23');
    // With a Bearer token too: HTTP APIs have no SigV4 parsing of unknown routes.
    expectGatewayAnswer(await request(gw, 'GET', '/dev/nowhere', { authorization: `Bearer ${token}` }), 404, '{"message":"Not Found"}');
  });

  it('a declared path with an undeclared method, HEAD included (no implicit HEAD for GET)', async () => {
    expectGatewayAnswer(await request(gw, 'PATCH', '/dev/pets', { authorization: `Bearer ${token}` }), 404, '{"message":"Not Found"}');
    const head = await request(gw, 'HEAD', '/dev/health');
    expect(head.status).toBe(404);
    expect(head.body).toBe('');
    expect(head.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
  });

  it('a stage that does not exist, with no $default stage to fall back to', async () => {
    expectGatewayAnswer(await request(gw, 'GET', '/staging/health'), 404, '{"message":"Not Found"}');
    expectGatewayAnswer(await request(gw, 'GET', '/'), 404, '{"message":"Not Found"}');
    expectGatewayAnswer(await request(gw, 'GET', '/DEV/health'), 404, '{"message":"Not Found"}');
  });
});

describe('JWT authorizer', () => {
  it('no token: 401 {"message":"Unauthorized"} (26 bytes) with www-authenticate: Bearer', async () => {
    const r = await request(gw, 'GET', '/dev/pets/whisk-0042');
    expectGatewayAnswer(r, 401, '{"message":"Unauthorized"}');
    expect(r.headers['content-length']).toBe('26');
    expect(r.headers['www-authenticate']).toBe('Bearer');
  });

  it('a token without the audience: the documented www-authenticate, word for word', async () => {
    const r = await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: `Bearer ${await mintRs256(devKey(gw), { aud: 'someone-else' })}` });
    expectGatewayAnswer(r, 401, '{"message":"Unauthorized"}');
    expect(r.headers['www-authenticate']).toBe(invalidToken('the token does not have a valid audience'));
  });

  it('tokens that fail decoding or the signing method: the wording observed on AWS', async () => {
    const notAToken = await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: 'Bearer not-a-token' });
    expectGatewayAnswer(notAToken, 401, '{"message":"Unauthorized"}');
    expect(notAToken.headers['www-authenticate']).toBe(invalidToken('token contains an invalid number of segments'));
    // HTTP API JWT authorizers verify RSA signatures only.
    const hs256 = await new SignJWT({ scope: 'pets/read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://auth.petstore.example/')
      .setAudience('adoption-api')
      .setExpirationTime('5m')
      .sign(Buffer.from('a-shared-secret'));
    const r = await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: `Bearer ${hs256}` });
    expectGatewayAnswer(r, 401, '{"message":"Unauthorized"}');
    expect(r.headers['www-authenticate']).toBe(invalidToken('signing method HS256 is invalid'));
    const unsigned = unsignedToken({
      iss: 'https://auth.petstore.example/',
      aud: 'adoption-api',
      exp: Math.floor(Date.now() / 1000) + 300,
      scope: 'pets/read',
    });
    expect((await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: `Bearer ${unsigned}` })).headers['www-authenticate']).toBe(
      invalidToken('signing method none is invalid'),
    );
  });

  it("expired, from another issuer, signed with another stage's key: 401 invalid_token, never the backend", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      [await mintRs256(devKey(gw), { exp: now - 60 }), 'the token has expired'],
      [await mintRs256(devKey(gw), { iss: 'https://evil.example/' }), 'the token does not have a valid issuer'],
      [await mintRs256(prodKey(gw)), 'the token signature is invalid'],
    ];
    for (const [bad, description] of cases) {
      const r = await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: `Bearer ${bad}` });
      expectGatewayAnswer(r, 401, '{"message":"Unauthorized"}');
      expect(r.headers['www-authenticate']).toBe(invalidToken(description));
    }
  });

  it('a valid token passes, with or without the Bearer prefix (the identity source may hold the token alone)', async () => {
    for (const value of [`Bearer ${token}`, token]) {
      const r = await request(gw, 'GET', '/dev/pets/whisk-0042', { authorization: value });
      expect(r.status).toBe(200);
      expect(echoOf(r)).toMatchObject({ backend: 'dev', path: '/pets/whisk-0042' });
    }
  });

  it('none of the route\'s scopes: 403 {"message":"Forbidden"} with error="insufficient_scope" (as observed on AWS)', async () => {
    const readOnly = await mintRs256(devKey(gw), { claims: { scope: 'pets/read' } });
    const r = await request(
      gw,
      'POST',
      '/dev/pets',
      { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
      '{"name":"Rex","species":"dog"}',
    );
    expectGatewayAnswer(r, 403, '{"message":"Forbidden"}');
    expect(r.headers['www-authenticate']).toBe('Bearer scope="pets/write" error="insufficient_scope" error_description="expected scopes: [pets/write]"');
    const both = await request(gw, 'GET', '/dev/adoptions/0b9d3c1e-7a42-4f6e-8c15-2d3e4f5a6b7c', { authorization: `Bearer ${readOnly}` });
    expect(both.status).toBe(403);
    expect(both.headers['www-authenticate']).toBe(
      'Bearer scope="adoptions/read admin" error="insufficient_scope" error_description="expected scopes: [adoptions/read admin]"',
    );
  });

  it("one of the route's scopes is enough, from `scope` or `scp`", async () => {
    const scp = await mintRs256(devKey(gw), { claims: { scope: undefined, scp: ['admin'] } });
    expect((await request(gw, 'GET', '/dev/adoptions/0b9d3c1e-7a42-4f6e-8c15-2d3e4f5a6b7c', { authorization: `Bearer ${scp}` })).status).toBe(200);
  });
});

describe('Lambda authorizer (payload 2.0, simple responses)', () => {
  const path = '/dev/shelters/7';

  it('identity source missing: 401 {"message":"Unauthorized"}, no www-authenticate', async () => {
    const r = await request(gw, 'GET', path);
    expectGatewayAnswer(r, 401, '{"message":"Unauthorized"}');
    expect(r.headers['www-authenticate']).toBeUndefined();
  });

  it('isAuthorized false (an unknown or a denied token): 403 {"message":"Forbidden"}', async () => {
    const lambda = gw.config.stages.dev!.credentials.lambda!;
    for (const value of ['who-knows', lambda.deny[0]!])
      expectGatewayAnswer(await request(gw, 'GET', path, { 'x-shelter-token': value }), 403, '{"message":"Forbidden"}');
  });

  it('isAuthorized true: the integration (a Lambda proxy, payload 2.0) answers', async () => {
    const r = await request(gw, 'GET', path, { 'x-shelter-token': gw.config.stages.dev!.credentials.lambda!.allow[0]! });
    expect(r.status).toBe(200);
    expect(echoOf(r)).toMatchObject({ backend: 'dev', method: 'POST', path: '/shelters/7' });
  });
});

describe('CORS from x-amazon-apigateway-cors', () => {
  const preflight = (path: string, origin: string): Promise<Answer> =>
    request(gw, 'OPTIONS', path, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' });

  it('the gateway answers preflights itself (no OPTIONS route, no authorizer): 204 with the configured headers', async () => {
    const r = await preflight('/dev/pets', 'https://app.petstore.example');
    expect(r.status).toBe(204);
    expect(r.body).toBe('');
    expect(r.headers).toMatchObject({
      'access-control-allow-origin': 'https://app.petstore.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,POST,DELETE',
      'access-control-allow-headers': 'authorization,content-type,x-shelter-token',
      'access-control-max-age': '600',
    });
    expect(r.headers['apigw-requestid']).toMatch(APIGW_REQUEST_ID);
    expect(r.headers['x-gateproof-echo']).toBeUndefined();
  });

  it('other origins get no CORS headers; actual responses of allowed origins expose the configured headers', async () => {
    const other = await preflight('/dev/pets', 'https://evil.example');
    expect(other.status).toBe(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const actual = await request(gw, 'GET', '/dev/health', { origin: 'https://app.petstore.example' });
    expect(actual.headers['access-control-allow-origin']).toBe('https://app.petstore.example');
    expect(actual.headers['access-control-expose-headers']).toBe('apigw-requestid');
  });
});

describe('apigw-requestid', () => {
  it('is on every answer (integration, gateway error, preflight) and new for each request', async () => {
    const answers = [
      await request(gw, 'GET', '/dev/health'),
      await request(gw, 'GET', '/dev/health'),
      await request(gw, 'GET', '/dev/pets/whisk-0042'),
      await request(gw, 'GET', '/prod/nowhere'),
    ];
    const ids = answers.map((a) => a.headers['apigw-requestid']);
    for (const id of ids) expect(id).toMatch(APIGW_REQUEST_ID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
