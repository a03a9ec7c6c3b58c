import { describe, expect, it } from 'vitest';
import { declaredValidation, hasValidatableRequest, MAX_PROBES, validationProbes } from '../../src/gateway/validation.ts';
import { inlineModel } from '../emulator/helpers.ts';

const NEW_PET = {
  type: 'object',
  required: ['name', 'species'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, species: { type: 'string', enum: ['dog', 'cat'] }, age: { type: 'integer' } },
};
const body = (schema: object, required = true) => ({ required, content: { 'application/json': { schema } } });

const model = inlineModel({
  'x-amazon-apigateway-request-validators': {
    all: { validateRequestBody: true, validateRequestParameters: true },
    params: { validateRequestBody: false, validateRequestParameters: true },
  },
  'x-amazon-apigateway-request-validator': 'params',
  paths: {
    '/pets': {
      post: { 'x-amazon-apigateway-request-validator': 'all', requestBody: body(NEW_PET), responses: { '201': { description: 'ok' } } },
      get: {
        parameters: [
          { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
          { name: 'x-trace', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'page', in: 'query', required: true, schema: { type: 'integer' } },
          { name: 'sort', in: 'query', schema: { type: 'string' } },
          { name: 'x-api-key', in: 'header', required: true, schema: { type: 'string' } },
        ],
        security: [{ api_key: [] }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/pets/{petId}': {
      put: {
        requestBody: body({
          allOf: [{ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, { properties: { tags: { type: 'array' } } }],
        }),
        responses: { '200': { description: 'ok' } },
      },
      patch: {
        'x-amazon-apigateway-request-validator': 'all',
        requestBody: body({ type: 'array', items: { type: 'string' } }, false),
        responses: { '200': { description: 'ok' } },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
  },
  components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
});
const op = (key: string) => model.operations.find((o) => o.key === key)!;
const AWS = { profile: 'aws-rest' as const, validation: undefined };

describe('declaredValidation', () => {
  it("reads the operation's validator, else the API default, under the aws-rest profile", () => {
    expect(declaredValidation(op('POST /pets'), AWS)).toEqual({ body: true, parameters: true, source: 'x-amazon-apigateway-request-validator all' });
    expect(declaredValidation(op('GET /pets'), AWS)).toEqual({ body: false, parameters: true, source: 'x-amazon-apigateway-request-validator params' });
  });

  it('ignores AWS validators under other profiles; the config declares validation for any profile and wins', () => {
    expect(declaredValidation(op('POST /pets'), { profile: 'generic', validation: undefined })).toBeUndefined();
    expect(declaredValidation(op('POST /pets'), { profile: { base: 'kong', overrides: {}, strict: false }, validation: undefined })).toBeUndefined();
    const configured = { operations: ['POST /pets'], body: true, parameters: false };
    expect(declaredValidation(op('POST /pets'), { profile: 'generic', validation: configured })).toEqual({
      body: true,
      parameters: false,
      source: 'config validation',
    });
    expect(declaredValidation(op('GET /pets'), { profile: 'generic', validation: configured })).toBeUndefined();
    expect(declaredValidation(op('GET /pets'), { profile: 'aws-rest', validation: { ...configured, operations: 'all' } })).toMatchObject({
      source: 'config validation',
      parameters: false,
    });
  });
});

describe('validationProbes', () => {
  it('breaks a closed object body every way: empty, a required property missing, a wrong type, an undeclared property', () => {
    expect(validationProbes(op('POST /pets'), { body: true, parameters: true })).toEqual([
      { kind: 'empty-body' },
      { kind: 'missing-property', property: 'name' },
      { kind: 'wrong-type', property: 'name', expectedType: 'string' },
      { kind: 'extra-property', property: 'gateproofUnexpected' },
    ]);
    expect(validationProbes(op('POST /pets'), { body: false, parameters: true })).toEqual([]);
  });

  it('leaves out one required parameter at a time (credentials excluded), at most two', () => {
    expect(validationProbes(op('GET /pets'), { body: true, parameters: true })).toEqual([
      { kind: 'missing-parameter', in: 'query', name: 'limit' },
      { kind: 'missing-parameter', in: 'header', name: 'x-trace' },
    ]);
  });

  it('merges allOf parts; an open object gets no extra-property probe; a non-object body a root wrong type; an optional body no empty one', () => {
    expect(validationProbes(op('PUT /pets/{petId}'), { body: true, parameters: true })).toEqual([
      { kind: 'empty-body' },
      { kind: 'missing-property', property: 'name' },
      { kind: 'wrong-type', property: 'name', expectedType: 'string' },
    ]);
    expect(validationProbes(op('PATCH /pets/{petId}'), { body: true, parameters: true })).toEqual([
      { kind: 'wrong-type', property: '', expectedType: 'array' },
    ]);
  });

  it('is bounded per operation', () => {
    for (const o of model.operations) expect(validationProbes(o, { body: true, parameters: true }).length).toBeLessThanOrEqual(MAX_PROBES);
  });

  it('knows which operations have something to validate', () => {
    expect(model.operations.filter(hasValidatableRequest).map((o) => o.key)).toEqual(['POST /pets', 'GET /pets', 'PUT /pets/{petId}', 'PATCH /pets/{petId}']);
  });
});
