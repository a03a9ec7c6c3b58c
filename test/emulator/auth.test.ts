import { exportPKCS8, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { exampleGateway, inlineConfig, inlineModel, mintToken, request, unsignedToken, validClaims, type Example } from './helpers.ts';

let gw: LocalGateway & Example;
let secret: string;
const now = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  gw = await exampleGateway(['no-throttle']);
  secret = gw.config.stages.dev!.credentials.jwt!.secret!;
});
afterAll(() => gw.close());

const getOrder = (token: string | undefined): Promise<{ status: number; body: string }> =>
  request(gw, 'GET', '/dev/orders/6b0c3f0e-64a4-4c55-9d0b-1f1c2a7e3b11', token === undefined ? {} : { authorization: `Bearer ${token}` });

describe('JWT authorizer (example partner_jwt)', () => {
  it('accepts a valid token, with or without the Bearer prefix', async () => {
    const token = await mintToken(secret);
    expect((await getOrder(token)).status).toBe(200);
    expect((await request(gw, 'GET', '/dev/orders/6b0c3f0e-64a4-4c55-9d0b-1f1c2a7e3b11', { authorization: token })).status).toBe(200);
  });

  it.each([
    ['expired', { exp: now() - 60 }],
    ['wrong audience', { aud: 'someone-else' }],
    ['wrong issuer', { iss: 'https://evil.example/' }],
    ['no exp claim', { exp: null }],
    ['not yet valid (nbf)', { nbf: now() + 600 }],
  ] as const)('rejects a token that is %s with 401 Unauthorized', async (_name, options) => {
    const r = await getOrder(await mintToken(secret, options));
    expect(r.status).toBe(401);
    expect(r.body).toBe('{"message":"Unauthorized"}');
  });

  it("rejects a bad signature, the other stage's secret, alg none and garbage", async () => {
    const good = await mintToken(secret);
    const [h, p] = good.split('.');
    const tampered = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    const prodSigned = await mintToken(gw.config.stages.prod!.credentials.jwt!.secret!);
    for (const token of [tampered, prodSigned, unsignedToken(validClaims()), 'not-a-jwt', `${h}.${p}`]) {
      expect((await getOrder(token)).status).toBe(401);
    }
  });

  it('rejects an HS256 token when the header names another algorithm (no alg confusion)', async () => {
    const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS512' }).sign(Buffer.from(secret));
    expect((await getOrder(token)).status).toBe(401);
  });

  it("a token without the operation's scope gets 403 Forbidden; scp arrays count as scopes", async () => {
    const noScope = await mintToken(secret, { claims: { scope: 'pets/write' } });
    const r = await getOrder(noScope);
    expect(r.status).toBe(403);
    expect(r.body).toBe('{"message":"Forbidden"}');
    const scp = await mintToken(secret, { claims: { scope: undefined, scp: ['orders/read'] } });
    expect((await getOrder(scp)).status).toBe(200);
  });

  it('an operation needing a key and a JWT: JWT checked first (401), then the key (403)', async () => {
    const body = '{"petId":"abc123","ownerId":3}';
    const token = await mintToken(secret);
    const key = gw.config.stages.dev!.credentials.apiKeys.default!;
    const headers = { 'content-type': 'application/json' };
    expect((await request(gw, 'POST', '/dev/orders', { ...headers, 'x-api-key': key }, body)).status).toBe(401);
    expect((await request(gw, 'POST', '/dev/orders', { ...headers, authorization: `Bearer ${token}` }, body)).status).toBe(403);
    expect((await request(gw, 'POST', '/dev/orders', { ...headers, authorization: `Bearer ${token}`, 'x-api-key': key }, body)).status).toBe(201);
  });
});

describe('inline authorizer variants', () => {
  let local: LocalGateway;
  let privateKey: string;
  const cognitoAud = 'client-123';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = await exportPKCS8(pair.privateKey);
    const model = inlineModel({
      paths: {
        '/me': {
          get: {
            security: [{ cognito: [] }],
            responses: { '200': { description: 'me', content: { 'application/json': { example: { me: true } } } } },
            'x-amazon-apigateway-integration': { type: 'mock' },
          },
        },
        '/query-key': {
          get: { security: [{ qkey: [] }], responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock' } },
        },
        '/basic': {
          get: { security: [{ basic: [] }], responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock' } },
        },
        '/multi': {
          get: { security: [{ multi: [] }], responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock' } },
        },
        '/either': {
          get: { security: [{ basic: [] }, { multi: [] }], responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock' } },
        },
      },
      components: {
        securitySchemes: {
          cognito: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'cognito_user_pools',
            'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: ['arn:aws:cognito-idp:eu-west-1:1:userpool/x'] },
          },
          qkey: { type: 'apiKey', name: 'api_key', in: 'query' },
          basic: { type: 'http', scheme: 'basic' },
          multi: {
            type: 'apiKey',
            name: 'X-Tenant',
            in: 'header',
            'x-amazon-apigateway-authtype': 'custom',
            'x-amazon-apigateway-authorizer': { type: 'request', identitySource: 'method.request.header.X-Tenant, method.request.querystring.region' },
          },
        },
      },
    });
    const config = inlineConfig({
      stages: {
        live: {
          baseURL: 'http://127.0.0.1/live',
          credentials: {
            apiKeys: { default: 'query-key-12345' },
            jwt: { issuer: 'https://cognito.example/pool', audience: cognitoAud, alg: 'RS256', privateKey: privateKey },
            basic: { username: 'ann', password: 'pw-secret' },
            lambda: { allow: ['tenant-a'], deny: ['tenant-z'] },
          },
        },
      },
    });
    local = await startLocalGateway({ config, model });
  });
  afterAll(() => local?.close());

  const rs256 = async (claims: Record<string, unknown>): Promise<string> => {
    const { importPKCS8 } = await import('jose');
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(await importPKCS8(privateKey, 'RS256'));
  };

  it('Cognito: RS256 verified with the public half of privateKey; client_id as audience; expiry has its own wording', async () => {
    const base = { iss: 'https://cognito.example/pool', exp: now() + 300 };
    expect((await request(local, 'GET', '/live/me', { authorization: await rs256({ ...base, aud: cognitoAud }) })).status).toBe(200);
    expect((await request(local, 'GET', '/live/me', { authorization: await rs256({ ...base, client_id: cognitoAud, token_use: 'access' }) })).status).toBe(200);
    const expired = await request(local, 'GET', '/live/me', { authorization: await rs256({ ...base, aud: cognitoAud, exp: now() - 5 }) });
    expect(expired.status).toBe(401);
    expect(expired.body).toBe('{"message":"The incoming token has expired"}');
    const hs = await mintToken('some-secret', { iss: base.iss, aud: cognitoAud });
    expect((await request(local, 'GET', '/live/me', { authorization: hs })).status).toBe(401);
  });

  it('API key read from the query string when the scheme says in: query', async () => {
    expect((await request(local, 'GET', '/live/query-key?api_key=query-key-12345')).status).toBe(200);
    expect((await request(local, 'GET', '/live/query-key', { 'x-api-key': 'query-key-12345' })).status).toBe(403);
  });

  it('HTTP basic from credentials.basic', async () => {
    const good = `Basic ${Buffer.from('ann:pw-secret').toString('base64')}`;
    const bad = `Basic ${Buffer.from('ann:nope').toString('base64')}`;
    expect((await request(local, 'GET', '/live/basic', { authorization: good })).status).toBe(200);
    expect((await request(local, 'GET', '/live/basic', { authorization: bad })).status).toBe(401);
    expect((await request(local, 'GET', '/live/basic')).status).toBe(401);
  });

  it('request authorizer needs every identity source; allow/deny by the first', async () => {
    expect((await request(local, 'GET', '/live/multi?region=eu', { 'x-tenant': 'tenant-a' })).status).toBe(200);
    expect((await request(local, 'GET', '/live/multi', { 'x-tenant': 'tenant-a' })).status).toBe(401);
    expect((await request(local, 'GET', '/live/multi?region=eu', { 'x-tenant': 'tenant-z' })).status).toBe(403);
  });

  it('security alternatives are ORed: either credential opens the route', async () => {
    const good = `Basic ${Buffer.from('ann:pw-secret').toString('base64')}`;
    expect((await request(local, 'GET', '/live/either', { authorization: good })).status).toBe(200);
    expect((await request(local, 'GET', '/live/either?region=eu', { 'x-tenant': 'tenant-a' })).status).toBe(200);
    expect((await request(local, 'GET', '/live/either')).status).toBe(401);
  });
});
