import { describe, expect, it } from 'vitest';
import { describeProbe, invalidRequest } from '../../src/request/invalid.ts';
import type { BuiltRequest } from '../../src/request/build.ts';

const built: BuiltRequest = {
  request: {
    method: 'POST',
    path: '/pets?limit=5&api_key=k1',
    headers: { 'content-type': 'application/json', 'X-Trace': 't-1', 'x-api-key': 'k1' },
    body: '{"name":"rex","species":"dog"}',
    operation: 'POST /pets',
  },
  sampled: {
    method: 'POST',
    path: '/pets',
    pathParams: {},
    query: { limit: '5' },
    headers: { 'content-type': 'application/json', 'x-trace': 't-1' },
    body: '{"name":"rex","species":"dog"}',
  },
  missing: [],
  credentialQuery: ['api_key'],
};

describe('invalidRequest (a valid request broken as a probe says)', () => {
  it('empty body: no body, everything else (credentials, content type) as sent', () => {
    const { request, body } = invalidRequest(built, { kind: 'empty-body' });
    expect(request).toEqual({ ...built.request, body: undefined });
    expect(body).toBeUndefined();
  });

  it('body probes change one property and return the value sent', () => {
    expect(invalidRequest(built, { kind: 'missing-property', property: 'name' }).body).toEqual({ species: 'dog' });
    expect(invalidRequest(built, { kind: 'wrong-type', property: 'name', expectedType: 'string' }).body).toEqual({ name: 12345, species: 'dog' });
    expect(invalidRequest(built, { kind: 'wrong-type', property: 'age', expectedType: 'integer' }).body).toEqual({
      name: 'rex',
      species: 'dog',
      age: 'gateproof-not-a-integer',
    });
    expect(invalidRequest(built, { kind: 'wrong-type', property: '', expectedType: 'object' }).body).toBe('gateproof-not-a-object');
    const extra = invalidRequest(built, { kind: 'extra-property', property: 'gateproofUnexpected' });
    expect(JSON.parse(extra.request.body!)).toEqual({ name: 'rex', species: 'dog', gateproofUnexpected: 'gateproof' });
    expect(extra.request.headers).toEqual(built.request.headers);
  });

  it('missing parameters drop only that query parameter or header (credentials stay)', () => {
    expect(invalidRequest(built, { kind: 'missing-parameter', in: 'query', name: 'limit' }).request.path).toBe('/pets?api_key=k1');
    const header = invalidRequest(built, { kind: 'missing-parameter', in: 'header', name: 'x-trace' }).request;
    expect(header.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': 'k1' });
    expect(header.body).toBe(built.request.body);
  });

  it('describes each probe for the report', () => {
    expect(describeProbe({ kind: 'missing-parameter', in: 'query', name: 'limit' })).toBe('no required query parameter "limit"');
    expect(describeProbe({ kind: 'wrong-type', property: '', expectedType: 'array' })).toBe('a body that is not of type array');
  });
});
