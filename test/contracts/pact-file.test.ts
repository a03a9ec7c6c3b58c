import { describe, expect, it } from 'vitest';
import { parsePact } from '../../src/contracts/pact-file.ts';
import { nameInteractions } from '../../src/contracts/subject.ts';

describe('reading pact files', () => {
  it('normalizes a Pact V2 file (providerState, query string, raw body)', () => {
    const pact = parsePact(
      {
        consumer: { name: 'old-app' },
        provider: { name: 'gateproof-api' },
        interactions: [
          {
            description: 'list',
            providerState: 'pets exist',
            request: { method: 'get', path: '/pets', query: 'limit=5&species=dog', headers: { 'X-Api-Key': 'gateproof-placeholder' } },
            response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: [{ id: 'abc123' }] },
          },
        ],
        metadata: { pactSpecification: { version: '2.0.0' } },
      },
      'old.json',
    );
    expect(pact.interactions[0]).toMatchObject({
      consumer: 'old-app',
      states: [{ name: 'pets exist', params: {} }],
      request: { method: 'GET', path: '/pets', query: { limit: ['5'], species: ['dog'] }, headers: { 'x-api-key': 'gateproof-placeholder' } },
      response: { status: 200, body: [{ id: 'abc123' }], contentType: 'application/json' },
    });
  });

  it('decodes V4 bodies (content, contentType, encoded) and skips message interactions', () => {
    const pact = parsePact(
      {
        consumer: { name: 'c' },
        provider: { name: 'p' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            description: 'post',
            request: {
              method: 'POST',
              path: '/orders',
              body: { content: Buffer.from('{"a":1}').toString('base64'), contentType: 'application/json', encoded: 'base64' },
            },
            response: { status: 201 },
          },
          { type: 'Asynchronous/Messages', description: 'an event', contents: {} },
        ],
      },
      'v4.json',
    );
    expect(pact.interactions.map((i) => i.request.body)).toEqual([{ a: 1 }]);
    expect(pact.ignored).toEqual(['an event']);
  });

  it('rejects a file that is not a pact, naming it', () => {
    expect(() => parsePact({ hello: 'world' }, 'notes.json')).toThrow(/not a pact file/);
  });

  it('names interactions uniquely: states for repeated descriptions, then a counter', () => {
    const base = parsePact({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [] }, 'x');
    const make = (description: string, state?: string) => ({
      ...base,
      consumer: 'c',
      provider: 'p',
      description,
      states: state ? [{ name: state, params: {} }] : [],
      pending: false,
      source: 'x',
      index: 0,
      request: { method: 'GET', path: '/a', query: {}, headers: {} },
      response: { status: 200, headers: {} },
    });
    const names = nameInteractions([make('get a'), make('get b', 's1'), make('get b', 's2'), make('get c'), make('get c')], () => 'GET /a').map((s) => s.name);
    expect(names).toEqual(['c: get a', 'c: get b (given s1)', 'c: get b (given s2)', 'c: get c', 'c: get c #2']);
  });
});
