import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/emulator/validate.ts';
import { sampleFromPattern } from '../../src/openapi/sample-pattern.ts';
import { sampleFromSchema, seededFaker } from '../../src/openapi/sample.ts';
import type { JsonSchema } from '../../src/openapi/model.ts';
import { loadExample } from './helpers.ts';

const valid = (schema: JsonSchema, value: unknown): boolean => compileSchema(schema)!(value) as boolean;

describe('sampleFromSchema', () => {
  it('is schema-valid for every satisfiable request/response/parameter schema of the example spec', async () => {
    const { model } = await loadExample();
    const schemas: [string, JsonSchema][] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) if (p.schema) schemas.push([`${op.key} param ${p.name}`, p.schema]);
      for (const c of op.requestBody?.content ?? []) if (c.schema) schemas.push([`${op.key} body`, c.schema]);
      for (const r of op.responses) for (const c of r.content) if (c.schema) schemas.push([`${op.key} ${r.status}`, c.schema]);
    }
    // Pet = allOf[NewPet (additionalProperties: false), {id, status}] admits no value at all under strict JSON Schema.
    const satisfiable = schemas.filter(([, s]) => !JSON.stringify(s).includes('"status":{"type":"string","enum":["available"'));
    expect(satisfiable.length).toBeGreaterThan(10);
    for (const [name, schema] of satisfiable) {
      for (const seed of [1, 2, 3]) {
        const value = sampleFromSchema(schema, seed);
        expect({ name, seed, valid: valid(schema, value) }).toEqual({ name, seed, valid: true });
      }
    }
  });

  it('is reproducible from the seed and varies with it', () => {
    const schema = {
      type: 'object',
      required: ['id', 'email'],
      properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string', format: 'email' } },
    };
    expect(sampleFromSchema(schema, 42)).toEqual(sampleFromSchema(schema, 42));
    expect(sampleFromSchema(schema, 42)).not.toEqual(sampleFromSchema(schema, 43));
    const faker = seededFaker(7);
    expect(sampleFromSchema(schema, faker)).not.toEqual(sampleFromSchema(schema, faker));
  });

  it.each<[string, JsonSchema]>([
    [
      'formats',
      {
        type: 'object',
        additionalProperties: false,
        required: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
        properties: {
          a: { type: 'string', format: 'uuid' },
          b: { type: 'string', format: 'date' },
          c: { type: 'string', format: 'date-time' },
          d: { type: 'string', format: 'email' },
          e: { type: 'string', format: 'uri' },
          f: { type: 'string', format: 'ipv4' },
          g: { type: 'string', format: 'hostname' },
        },
      },
    ],
    ['patterns', { type: 'array', minItems: 3, items: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}(-[a-f0-9]{2})?$' } }],
    [
      'bounds',
      {
        type: 'object',
        required: ['i', 'n', 's', 'm'],
        properties: {
          i: { type: 'integer', minimum: 10, maximum: 12 },
          n: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          s: { type: 'string', minLength: 30, maxLength: 31 },
          m: { type: 'integer', multipleOf: 7, minimum: 1 },
        },
      },
    ],
    [
      'oneOf/anyOf',
      {
        oneOf: [
          { type: 'object', required: ['kind'], properties: { kind: { const: 'a' } } },
          { type: 'string', format: 'uuid' },
        ],
      },
    ],
    ['anyOf with nullable', { anyOf: [{ type: 'integer', minimum: 5 }, { type: 'null' }] }],
    ['enum', { type: 'string', enum: ['x', 'y'] }],
    [
      'nested allOf',
      {
        allOf: [
          { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'integer' } } }] },
          { type: 'object', required: ['b'], properties: { b: { type: 'boolean' } } },
        ],
      },
    ],
    ['uniqueItems', { type: 'array', minItems: 2, maxItems: 3, uniqueItems: true, items: { type: 'string', enum: ['p', 'q', 'r'] } }],
    ['required without properties', { type: 'object', required: ['z'], additionalProperties: { type: 'integer' } }],
    ['type arrays', { type: ['string', 'null'], format: 'date' }],
    ['minProperties', { type: 'object', minProperties: 2 }],
  ])('%s', (_name, schema) => {
    for (const seed of [1, 5, 9]) expect(valid(schema, sampleFromSchema(schema, seed))).toBe(true);
  });
});

describe('sampleFromPattern', () => {
  it.each(['^[a-z0-9-]{6,36}$', '^\\d{3}-\\d{2}$', '^(cat|dog)s?$', '^[^/]+\\.txt$', '^\\w+@[a-z]+\\.(com|org)$', 'v[0-9]+(\\.[0-9]+){2}', '^[A-F\\d]{8}$'])(
    '%s',
    (pattern) => {
      let i = 0;
      const random = (): number => ((Math.sin(++i) + 1) / 2) * 0.999;
      const s = sampleFromPattern(pattern, random);
      expect(s).toBeDefined();
      expect(new RegExp(pattern, 'u').test(s!)).toBe(true);
    },
  );

  it('gives up (undefined) on lookarounds rather than lying', () => {
    expect(sampleFromPattern('^(?=.*\\d)[a-z]+$', Math.random)).toBeUndefined();
  });
});
