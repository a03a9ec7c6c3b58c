import { describe, expect, it } from 'vitest';
import { implicitMethods } from '../../src/plan/auth.ts';
import { inlineModel } from '../emulator/helpers.ts';

const ok = { responses: { '200': { description: 'ok' } } };
const secured = { ...ok, security: [{ api_key: [] }] };
const open = { ...ok, security: [] };
const mock = { ...open, 'x-amazon-apigateway-integration': { type: 'mock' } };

const methodsOf = (pathItem: Record<string, unknown>): string[] => {
  const model = inlineModel({ paths: { '/r': pathItem }, components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } } });
  return implicitMethods(model.operations);
};

describe('implicitMethods (what a gateway may route to a secured path without declaring it)', () => {
  it('HEAD, OPTIONS without preflight headers and TRACE on a secured path', () => {
    expect(methodsOf({ get: secured, post: secured })).toEqual(['HEAD', 'OPTIONS', 'TRACE']);
  });

  it("under a secured ANY also every method it does not declare itself (GET is auth.missing's own request)", () => {
    expect(methodsOf({ 'x-amazon-apigateway-any-method': secured, put: secured })).toEqual(['HEAD', 'OPTIONS', 'TRACE', 'PATCH', 'POST', 'DELETE']);
  });

  it('leaves out declared methods: a declared (CORS, MOCK) OPTIONS is public by design, a declared HEAD has its own auth checks', () => {
    expect(methodsOf({ get: secured, options: mock })).toEqual(['HEAD', 'TRACE']);
    expect(methodsOf({ get: secured, head: secured })).toEqual(['OPTIONS', 'TRACE']);
  });

  it('no HEAD where the GET is public (HEAD is GET without a body); nothing on public paths or under a public ANY', () => {
    expect(methodsOf({ get: open, post: secured })).toEqual(['OPTIONS', 'TRACE']);
    expect(methodsOf({ get: open })).toEqual([]);
    expect(methodsOf({ 'x-amazon-apigateway-any-method': open, post: secured })).toEqual([]);
  });
});
