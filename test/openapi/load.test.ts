import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/openapi/load.ts';
import { GateproofError } from '../../src/domain/errors.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/specs/${name}`, import.meta.url));
const example = fileURLToPath(new URL('../../examples/openapi.yaml', import.meta.url));

async function expectError(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<GateproofError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GateproofError);
  expect((error as GateproofError).code).toBe(code);
  expect((error as GateproofError).describe()).toMatch(pattern);
  return error as GateproofError;
}

describe('loadSpec: the examples API (OAS 3.0 with AWS extensions)', () => {
  it('normalizes operations, security, integrations and extensions', async () => {
    const model = await loadSpec(example);
    expect(model.specVersion).toBe('3.0');
    expect(model.basePath).toBe('');
    expect(model.operations.length).toBeGreaterThanOrEqual(10);
    const getPet = model.operations.find((o) => o.key === 'GET /pets/{petId}')!;
    expect(getPet.parameters).toEqual([expect.objectContaining({ name: 'petId', in: 'path', required: true })]);
    expect(getPet.apiKeyRequired).toBe(true);
    expect(getPet.integration).toMatchObject({ type: 'http_proxy', uri: 'http://${stageVariables.backendHost}/pets/{petId}' });
    const createOrder = model.operations.find((o) => o.key === 'POST /orders')!;
    expect(createOrder.security[0]!.map((i) => i.scheme.name)).toEqual(['api_key', 'partner_jwt']);
    expect(createOrder.security[0]![1]!.scheme.authorizer).toMatchObject({ type: 'jwt', issuer: 'https://auth.petstore.example/', audience: ['petstore-api'] });
    expect(createOrder.requestValidator).toEqual({ name: 'all', validateRequestBody: true, validateRequestParameters: true });
    expect(createOrder.requestBody?.content[0]?.schema).toMatchObject({ required: ['petId', 'ownerId'] });
    const health = model.operations.find((o) => o.key === 'GET /health')!;
    expect(health.explicitlyPublic).toBe(true);
    expect(health.security).toEqual([]);
    expect(health.integration?.type).toBe('mock');
    expect(model.operations.find((o) => o.path === '/files/{proxy+}')?.greedy).toBe(true);
    expect(model.securitySchemes.partner_token?.authorizer).toMatchObject({ type: 'token', identitySource: 'method.request.header.X-Partner-Token' });
    expect(model.gatewayResponses.QUOTA_EXCEEDED?.statusCode).toBe(429);
    expect(model.binaryMediaTypes).toEqual(['image/png']);
  });

  it('resolves $refs inside schemas (array items of a referenced schema)', async () => {
    const model = await loadSpec(example);
    const list = model.operations.find((o) => o.key === 'GET /pets')!.responses.find((r) => r.status === '200')!;
    const schema = list.content[0]!.schema as { items: { required?: string[] } };
    expect(schema.items.required).toEqual(['id', 'name', 'species', 'status']);
  });
});

describe('loadSpec: other document kinds', () => {
  it('reads Swagger 2.0: basePath, body parameters, securityDefinitions, global security', async () => {
    const model = await loadSpec(fixture('swagger2.yaml'));
    expect(model.specVersion).toBe('2.0');
    expect(model.basePath).toBe('/v1');
    const list = model.operations.find((o) => o.key === 'GET /pets')!;
    expect(list.security[0]![0]!.scheme).toMatchObject({ type: 'apiKey', in: 'header', paramName: 'x-api-key' });
    expect(list.parameters[0]!.schema).toEqual({ type: 'integer', maximum: 50 });
    const create = model.operations.find((o) => o.key === 'POST /pets')!;
    expect(create.security[0]![0]!.scheme).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(create.requestBody).toMatchObject({ required: true, content: [{ mediaType: 'application/json', schema: { required: ['name'] } }] });
    expect(model.operations.find((o) => o.key === 'GET /status')!.security).toEqual([]);
  });

  it('reads OAS 3.1 JSON with file $refs, bearer/OIDC alternatives, cookie and query keys', async () => {
    const model = await loadSpec(fixture('oas31.json'));
    expect(model.specVersion).toBe('3.1');
    const get = model.operations.find((o) => o.key === 'GET /orders/{id}')!;
    expect(get.security.map((req) => req[0]!.scheme.type)).toEqual(['http', 'openIdConnect']);
    expect(get.security[1]![0]!.scopes).toEqual(['orders:read']);
    const schema = get.responses[0]!.content[0]!.schema as { properties: { lines: { items: { properties: object } } } };
    expect(schema.properties.lines.items.properties).toHaveProperty('sku');
    const del = model.operations.find((o) => o.key === 'DELETE /orders/{id}')!;
    expect(del.security.map((r) => r[0]!.scheme)).toEqual([
      expect.objectContaining({ type: 'apiKey', in: 'cookie', paramName: 'session' }),
      expect.objectContaining({ type: 'apiKey', in: 'query', paramName: 'key' }),
    ]);
  });

  it('loads an AWS get-export document as it is ({basePath} server variable, ANY, greedy proxy, gateway responses)', async () => {
    const model = await loadSpec(fixture('aws-export.json'));
    expect(model.basePath).toBe('');
    const any = model.operations.find((o) => o.method === 'ANY')!;
    expect(any).toMatchObject({ path: '/{proxy+}', greedy: true });
    expect(any.security[0]![0]!.scheme.authorizer).toMatchObject({ type: 'cognito_user_pools' });
    expect(model.operations.find((o) => o.key === 'GET /items')).toMatchObject({
      apiKeyRequired: true,
      integration: { type: 'http', requestParameters: { 'integration.request.header.x-stage': "'prod'" } },
    });
    expect(model.gatewayResponses.UNAUTHORIZED).toMatchObject({
      statusCode: 401,
      responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
    });
    expect(model.cors).toEqual({ allowOrigins: ['https://app.example'], allowMethods: ['GET'], allowHeaders: [], allowCredentials: false });
  });
});

describe('loadSpec: from a URL', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/oas31.json') return res.end(readFileSync(fixture('oas31.json')));
      if (req.url === '/shared/order.yaml') return res.end(readFileSync(fixture('shared/order.yaml')));
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches the document and resolves its relative (remote) $refs', async () => {
    const model = await loadSpec(`${base}/oas31.json`);
    const schema = model.operations[0]!.responses[0]!.content[0]!.schema as { properties: object };
    expect(schema.properties).toHaveProperty('lines');
  });

  it('a URL answering 404 is a spec error naming the URL', async () => {
    await expectError(loadSpec(`${base}/missing.yaml`), 'SPEC_FETCH', /missing\.yaml: fetching spec answered HTTP 404/);
  });

  it('an unreachable host is a spec error with a fix', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expectError(loadSpec(`http://127.0.0.1:${port}/spec.yaml`), 'SPEC_FETCH', /cannot fetch spec \(ECONNREFUSED\)[\s\S]*fix:/);
  });
});

describe('loadSpec: bad input', () => {
  it('a YAML syntax error names the file, line and column', async () => {
    const e = await expectError(loadSpec(fixture('broken-syntax.yaml')), 'SPEC_SYNTAX', /broken-syntax\.yaml:\d+:\d+: syntax error/);
    expect(e.exitCode).toBe(2);
  });
  it('an unresolvable $ref', async () => {
    await expectError(loadSpec(fixture('bad-ref.json')), 'SPEC_REF', /cannot resolve a \$ref[\s\S]*fix: make every \$ref point/);
  });
  it('a document that is not OpenAPI/Swagger', async () => {
    await expectError(loadSpec(fixture('not-openapi.yaml')), 'SPEC_NOT_OPENAPI', /no `openapi` or `swagger` field/);
  });
  it('a missing file', async () => {
    await expectError(loadSpec(fixture('nope.yaml')), 'SPEC_FETCH', /nope\.yaml: spec file not found/);
  });
});
