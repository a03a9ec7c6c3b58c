import { describe, expect, it } from 'vitest';
import { schemaProblems, toJsonSchema } from '../../src/checks/route/body-schema.ts';
import { documentedResponse, mediaMatches, responseContract } from '../../src/checks/route/response-contract.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';

const model = await loadSpec(EXAMPLE_CONFIG.replace('gateproof.config.ts', 'openapi.yaml'));
const getPet = model.operations.find((o) => o.key === 'GET /pets/{petId}')!;
const json = { 'content-type': 'application/json' };
const pet = { id: 'abc123', name: 'Rex', species: 'dog', status: 'available' };

describe('responseContract', () => {
  it('accepts a documented status, content type and a body valid against an allOf of closed schemas', () => {
    expect(responseContract(getPet, { status: 200, headers: json, body: JSON.stringify(pet) })).toEqual({ problems: [], notes: [] });
  });

  it('names an undocumented status (the status-drift fault)', () => {
    expect(responseContract(getPet, { status: 299, headers: json, body: '{}' }).problems).toEqual(['status 299 is not documented (documented: 200, 404)']);
  });

  it('names an undocumented content type', () => {
    expect(responseContract(getPet, { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' }).problems[0]).toMatch(
      /content type "text\/html" is not documented/,
    );
  });

  it('names schema violations', () => {
    const problems = responseContract(getPet, { status: 200, headers: json, body: JSON.stringify({ ...pet, status: 'lost' }) }).problems;
    expect(problems).toEqual(['body /status must be equal to one of the allowed values']);
    expect(responseContract(getPet, { status: 200, headers: json, body: 'not json' }).problems).toEqual(['the body is not valid JSON']);
  });

  it('finds the documented response by exact code, class, then default', () => {
    const op = {
      responses: [
        { status: '2XX', content: [] },
        { status: 'default', content: [] },
      ],
    };
    expect(documentedResponse(op, 204)?.status).toBe('2XX');
    expect(documentedResponse(op, 503)?.status).toBe('default');
  });

  it('matches media types with wildcards', () => {
    expect(mediaMatches('application/json; charset=utf-8', 'application/json')).toBe(true);
    expect(mediaMatches('application/*', 'application/problem+json')).toBe(true);
    expect(mediaMatches('*/*', 'text/plain')).toBe(true);
    expect(mediaMatches('application/json', 'text/json')).toBe(false);
  });
});

describe('toJsonSchema (OpenAPI 3.0 -> what ajv compiles)', () => {
  it('converts boolean exclusive bounds and keeps nullable', () => {
    expect(toJsonSchema({ type: 'number', minimum: 1, exclusiveMinimum: true })).toEqual({ type: 'number', exclusiveMinimum: 1 });
    expect(schemaProblems({ type: 'string', nullable: true }, null).problems).toEqual([]);
  });

  it('reads an allOf of closed schemas as their union, still closed', () => {
    const newPet = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } };
    const petSchema = { allOf: [newPet, { type: 'object', required: ['id'], properties: { id: { type: 'string' } } }] };
    expect(schemaProblems(petSchema, { name: 'Rex', id: 'a1' }).problems).toEqual([]);
    expect(schemaProblems(petSchema, { name: 'Rex' }).problems).toEqual(["(root) must have required property 'id'"]);
    expect(schemaProblems(petSchema, { name: 'Rex', id: 'a1', owner: 'x' }).problems).toEqual(['(root) must NOT have additional properties']);
  });

  it('says when a schema cannot be compiled instead of failing the body', () => {
    expect(schemaProblems({ $ref: '#/components/schemas/Missing' }, {}).uncheckable).toMatch(/cannot be compiled/);
  });
});
