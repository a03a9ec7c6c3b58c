import { describe, expect, it } from 'vitest';
import { toValidationSchema } from '../../src/contracts/json-schema.ts';
import { validateAgainst } from '../../src/contracts/validate.ts';

const newPet = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' }, minItems: 2 } },
};
const pet = { allOf: [newPet, { type: 'object', required: ['id'], properties: { id: { type: 'string' }, secret: { type: 'string', readOnly: true } } }] };

describe('OpenAPI schema -> validation schema', () => {
  it("flattens allOf so a closed part does not reject the other parts' fields", () => {
    expect(validateAgainst(pet, { name: 'Rex', id: 'r1' }, 'request').valid).toBe(true);
    expect(validateAgainst(pet, { name: 'Rex', id: 'r1', extra: 1 }, 'request').errors).toEqual(['$.extra is not in the schema']);
  });

  it('relaxes required and counts for expectations, closes open objects, keeps types', () => {
    const open = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'integer' }, b: { type: 'string' } } };
    expect(validateAgainst(open, { a: 1 }, 'expectation').valid).toBe(true);
    expect(validateAgainst(open, { a: 1 }, 'request').errors).toEqual(['$.b is required']);
    expect(validateAgainst(open, { a: 1, c: true }, 'expectation').errors).toEqual(['$.c is not in the schema']);
    expect(validateAgainst(pet, { tags: ['one'] }, 'expectation').valid).toBe(true);
    expect(validateAgainst(pet, { tags: [1] }, 'expectation').errors).toEqual(['$.tags[0] must be string']);
  });

  it('drops vendor and example keywords, turns oneOf into anyOf for expectations', () => {
    const schema = toValidationSchema({ oneOf: [{ type: 'string' }], example: 'x', 'x-amazon': 1 }, 'expectation');
    expect(schema).toEqual({ anyOf: [{ type: 'string' }] });
  });

  it('does not require readOnly properties of a request', () => {
    const withReadOnly = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } };
    expect(validateAgainst(withReadOnly, { name: 'x' }, 'request').valid).toBe(true);
  });
});
