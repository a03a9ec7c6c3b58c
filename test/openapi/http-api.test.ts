import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { httpApiNotices, isHttpApi } from '../../src/gateway/http-api.ts';
import { credentialNeeds } from '../../src/init/credentials.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { normalizeSpec } from '../../src/openapi/normalize.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';

/** HTTP API (API Gateway v2) exports: what the reader takes from them, and what gateproof says about HTTP-only limits. */

const path = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const HTTP_SPEC = path('examples/http-api/openapi.yaml');
const REST_SPEC = path('examples/openapi.yaml');
const spec = (extra: Record<string, unknown>) =>
  normalizeSpec({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {}, ...extra }, '/virtual/openapi.yaml');
const config = (raw: Record<string, unknown>) =>
  parseConfig({ spec: './openapi.yaml', stages: { dev: { baseURL: 'http://127.0.0.1/dev' } }, ...raw }, '/virtual/gateproof.config.ts');

describe('reading an HTTP API export', () => {
  it('takes integrations from components (by $ref), payload versions, the JWT and Lambda authorizers and CORS', async () => {
    const model = await loadSpec(HTTP_SPEC);
    expect(model.awsHttpApi).toBe(true);
    const getPet = model.operations.find((o) => o.key === 'GET /pets/{petId}')!;
    const deletePet = model.operations.find((o) => o.key === 'DELETE /pets/{petId}')!;
    for (const op of [getPet, deletePet])
      expect(op.integration).toMatchObject({
        type: 'http_proxy',
        httpMethod: 'ANY',
        uri: 'http://${stageVariables.backendHost}/pets/{petId}',
        payloadFormatVersion: '1.0',
      });
    expect(model.operations.find((o) => o.key === 'GET /shelters/{shelterId}')!.integration).toMatchObject({ type: 'aws_proxy', payloadFormatVersion: '2.0' });
    expect(model.securitySchemes['partner-jwt']!.authorizer).toMatchObject({
      type: 'jwt',
      identitySource: '$request.header.Authorization',
      issuer: 'https://auth.petstore.example/',
      audience: ['adoption-api'],
    });
    expect(model.securitySchemes['shelter-token']!.authorizer).toMatchObject({
      type: 'request',
      payloadFormatVersion: '2.0',
      simpleResponses: true,
      resultTtlInSeconds: 0,
    });
    expect(model.operations.find((o) => o.key === 'GET /adoptions/{adoptionId}')!.security[0]![0]!.scopes).toEqual(['adoptions/read', 'admin']);
    expect(model.cors).toEqual({
      allowOrigins: ['https://app.petstore.example'],
      allowMethods: ['GET', 'POST', 'DELETE'],
      allowHeaders: ['authorization', 'content-type', 'x-shelter-token'],
      exposeHeaders: ['apigw-requestid'],
      allowCredentials: true,
      maxAge: 600,
    });
  });

  it('tells HTTP API exports from REST ones by extensions only HTTP APIs have', async () => {
    expect((await loadSpec(path('test/corpus/specs/aws-http-api-integrations/integrations.openapi.json'))).awsHttpApi).toBe(true);
    expect((await loadSpec(path('test/corpus/specs/aws-http-api-sqs/api.yaml'))).awsHttpApi).toBe(true);
    expect((await loadSpec(REST_SPEC)).awsHttpApi).toBe(false);
    const ok = { responses: { '200': { description: 'ok' } } };
    expect(spec({ paths: { '/a': { get: { ...ok, 'x-amazon-apigateway-integration': { type: 'http_proxy', payloadFormatVersion: 1.0 } } } } }).awsHttpApi).toBe(
      true,
    );
    expect(
      spec({
        paths: { '/a': { get: ok } },
        components: {
          securitySchemes: {
            l: { type: 'apiKey', name: 'a', in: 'header', 'x-amazon-apigateway-authorizer': { type: 'request', enableSimpleResponses: true } },
          },
        },
      }).awsHttpApi,
    ).toBe(true);
    // x-amazon-apigateway-cors alone does not decide (local REST setups use it).
    expect(spec({ paths: { '/a': { get: ok } }, 'x-amazon-apigateway-cors': { allowOrigins: ['*'] } }).awsHttpApi).toBe(false);
  });

  it('reads the $default route, written as /$default or with isDefaultRoute', () => {
    const model = spec({
      paths: {
        '/$default': { 'x-amazon-apigateway-any-method': { responses: {} } },
        '/catch': { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, responses: {} } },
        '/pets': { get: { responses: {} } },
      },
    });
    expect(model.operations.map((o) => [o.key, o.defaultRoute ?? false])).toEqual([
      ['ANY /$default', true],
      ['ANY /catch', true],
      ['GET /pets', false],
    ]);
    expect(model.awsHttpApi).toBe(true);
  });
});

describe('HTTP API or REST API', () => {
  it('the profile aws-http, or the spec, makes an HTTP API', async () => {
    const rest = await loadSpec(REST_SPEC);
    expect(isHttpApi({ profile: 'aws-http' }, rest)).toBe(true);
    expect(isHttpApi({ profile: { base: 'aws-http', overrides: {}, strict: false } }, rest)).toBe(true);
    expect(isHttpApi({ profile: 'aws-rest' }, rest)).toBe(false);
    expect(isHttpApi({ profile: 'aws-rest' }, await loadSpec(HTTP_SPEC))).toBe(true);
  });

  it('the aws-http profile ignores x-amazon-apigateway-gateway-responses (HTTP APIs have none)', async () => {
    const rest = await loadSpec(REST_SPEC);
    expect(rest.gatewayResponses.QUOTA_EXCEEDED).toBeDefined();
    const customised = spec({ 'x-amazon-apigateway-gateway-responses': { THROTTLED: { statusCode: 503 } } });
    expect(resolveProfile({ profile: 'aws-rest' }, customised).rejections.throttled.statuses).toEqual([503]);
    expect(resolveProfile({ profile: 'aws-http' }, customised).rejections.throttled.statuses).toEqual([429]);
  });
});

describe('what an HTTP API does not have: notices naming the field', () => {
  it('the HTTP example asks for nothing HTTP APIs lack', async () => {
    const cfg = await loadConfig(path('examples/http-api/gateproof.config.ts'), { envFiles: ['.env.example'] });
    expect(httpApiNotices(await loadSpec(HTTP_SPEC), cfg)).toEqual([]);
  });

  it('a REST spec under the aws-http profile: API keys, validators, gateway responses', async () => {
    const notices = httpApiNotices(await loadSpec(REST_SPEC), config({ profile: 'aws-http' }));
    expect(notices.map((n) => n.field)).toEqual([
      'components.securitySchemes.api_key',
      'x-amazon-apigateway-request-validators',
      'x-amazon-apigateway-gateway-responses',
    ]);
    expect(notices[0]!.message).toMatch(/^HTTP APIs have no API keys: nothing checks this key on GET \/pets, POST \/pets, GET \/pets\/\{petId\} and 3 more$/);
    expect(notices[1]!.message).toMatch(/^HTTP APIs do not validate requests/);
    expect(notices[2]!.message).toContain('QUOTA_EXCEEDED');
  });

  it('config asking for API keys, usage plans, quotas or a JWT signed otherwise than with RSA', () => {
    const cfg = config({
      profile: 'aws-http',
      stages: {
        dev: {
          baseURL: 'http://127.0.0.1/dev',
          credentials: { apiKeys: { default: 'k-123456' }, jwt: { issuer: 'i', audience: 'a', alg: 'HS256', secret: 's' } },
          usagePlan: { throttle: { rate: 1, burst: 1 } },
          quota: { key: 'default', limit: 5 },
        },
      },
    });
    const notices = httpApiNotices(spec({ paths: { '/a': { get: { responses: {} } } } }), cfg);
    expect(notices.map((n) => n.field)).toEqual([
      'stages.dev.credentials.apiKeys',
      'stages.dev.usagePlan',
      'stages.dev.quota',
      'stages.dev.credentials.jwt.alg',
    ]);
    expect(notices[3]!.message).toContain('signing method HS256 is invalid');
  });

  it('an HTTP API export under another profile: set profile aws-http', async () => {
    const notices = httpApiNotices(await loadSpec(HTTP_SPEC), config({ profile: 'aws-rest' }));
    expect(notices).toEqual([
      { field: 'profile', message: expect.stringMatching(/^the spec is an HTTP API export but the profile is aws-rest: .*set profile: 'aws-http'$/) },
    ]);
  });

  it('a REST API gets none', async () => {
    expect(httpApiNotices(await loadSpec(REST_SPEC), config({ profile: 'aws-rest' }))).toEqual([]);
    expect(httpApiNotices(await loadSpec(REST_SPEC))).toEqual([]);
  });
});

describe('init on an HTTP API export', () => {
  it("asks for a ready token: the JWT authorizer trusts the identity provider's keys", async () => {
    expect(credentialNeeds(await loadSpec(HTTP_SPEC)).jwt).toMatchObject({ issuer: 'https://auth.petstore.example/', audience: 'adoption-api', mode: 'token' });
    expect(credentialNeeds(await loadSpec(REST_SPEC)).jwt?.mode).toBe('secret');
  });
});
