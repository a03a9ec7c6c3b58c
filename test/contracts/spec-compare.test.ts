import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { OperationMatcher } from '../../src/contracts/match.ts';
import { readPactDir, type PactInteraction } from '../../src/contracts/pact-file.ts';
import { checkPactsAgainstSpec } from '../../src/contracts/spec-check.ts';
import { compareWithSpec } from '../../src/contracts/spec-compare.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel, Operation } from '../../src/openapi/model.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/pacts', import.meta.url));
const SPEC = fileURLToPath(new URL('../../examples/openapi.yaml', import.meta.url));

let model: GatewayModel;
let matcher: OperationMatcher<Operation>;
let interactions: PactInteraction[];
const find = (description: string): PactInteraction => structuredClone(interactions.find((i) => i.description === description)!);
const problemsOf = (i: PactInteraction): string[] => compareWithSpec(i, model, matcher).problems;

beforeAll(async () => {
  model = await loadSpec(SPEC);
  matcher = OperationMatcher.forModel(model);
  interactions = readPactDir(FIXTURES).flatMap((p) => p.interactions);
});

describe('pact vs spec (contract.spec)', () => {
  it('passes every interaction of the bundled consumers', () => {
    const checks = checkPactsAgainstSpec(readPactDir(FIXTURES), model);
    expect(checks).toHaveLength(7);
    expect(checks.filter((c) => c.status !== 'passed').map((c) => c.actual)).toEqual([]);
    expect(checks.map((c) => c.id)).toContain('spec:contract.spec:GET /pets/{petId} pet-portal: a request for one pet');
    expect(new Set(checks.map((c) => c.id)).size).toBe(7);
    expect(checks.every((c) => c.stage === 'spec' && c.kind === 'contract.spec')).toBe(true);
  });

  it('fails a response field whose type changed', () => {
    const owner = find('a request for an owner profile');
    (owner.response.body as Record<string, unknown>).id = 'forty-two';
    expect(problemsOf(owner)).toEqual(['response body: $.id must be integer']);
  });

  it('fails a request body field whose type changed, and an undeclared body field', () => {
    const order = find('an adoption order for an available pet');
    Object.assign(order.request.body as object, { ownerId: '42', giftWrap: true });
    expect(problemsOf(order)).toEqual(expect.arrayContaining(['request body: $.ownerId must be integer', 'request body: $.giftWrap is not in the schema']));
  });

  it('fails an unknown path and an undeclared method', () => {
    const pet = find('a request for one pet');
    pet.request.path = '/animals/rex-0001';
    expect(problemsOf(pet)).toEqual(['GET /animals/rex-0001: the spec has no such path']);
    const photos = find("a request for a pet's photos");
    photos.request.method = 'DELETE';
    expect(problemsOf(photos)[0]).toMatch(/path exists but DELETE is not declared on it \(declared: GET\)/);
  });

  it('fails an undocumented status and a field the spec does not document', () => {
    const order = find('a request for the state of an order');
    order.response.status = 404;
    expect(problemsOf(order)[0]).toMatch(/status 404 is not documented for GET \/orders\/\{orderId\} \(documented: 200\)/);
    const pet = find('a request for one pet');
    (pet.response.body as Record<string, unknown>).nickname = 'Rexy';
    expect(problemsOf(pet)).toEqual(['response body: $.nickname is not in the schema']);
  });

  it('accepts an expectation naming only some fields (consumers rely on a subset)', () => {
    const pet = find('a request for one pet');
    pet.response.body = { id: 'rex-0001' };
    expect(problemsOf(pet)).toEqual([]);
  });

  it('checks path and query parameters against their schemas', () => {
    const owner = find('a request for an owner profile');
    owner.request.path = '/owners/abc';
    expect(problemsOf(owner)).toEqual(['request: path parameter "ownerId" must be integer']);
    const pets = find('a request for the first page of pets');
    pets.request.query = { limit: ['500'], sort: ['name'] };
    expect(problemsOf(pets)).toEqual(['request: query parameter "limit" must be <= 100', 'request: query parameter "sort" is not in the spec']);
  });

  it('requires the credential slots of a secured operation, as placeholders', () => {
    const order = find('an adoption order for an available pet');
    delete order.request.headers.authorization;
    expect(problemsOf(order)[0]).toMatch(
      /^security: POST \/orders requires header x-api-key \(apiKey\) \+ header authorization \(jwt\); the interaction presents no such credentials/,
    );
    const pets = find('a request for the first page of pets');
    pets.request.headers['x-api-key'] = 'a-real-looking-key-1234';
    const problems = problemsOf(pets);
    expect(problems).toEqual([
      'security: header x-api-key (apiKey) holds a value other than the placeholder "gateproof-placeholder": pacts must never carry credentials',
    ]);
    expect(problems.join()).not.toContain('a-real-looking-key-1234');
  });

  it('lets public operations go without credentials', () => {
    expect(problemsOf(find('a request for the dog catalogue'))).toEqual([]);
  });

  it('fails a body sent to an operation that takes none, and a missing required body', () => {
    const pet = find('a request for one pet');
    pet.request.body = { hello: 'world' };
    expect(problemsOf(pet)).toEqual(['request: the interaction sends a body, the operation takes none']);
    const order = find('an adoption order for an available pet');
    delete order.request.body;
    expect(problemsOf(order)).toEqual(['request: the operation requires a body and the interaction sends none']);
  });
});
