import { describe, expect, it } from 'vitest';
import { lookalikeKey } from '../../src/checks/auth/lookalike-key.ts';
import { fillPath, operationSeed, sampleRequest, withQuery } from '../../src/request/sample.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';

const model = await loadSpec(EXAMPLE_CONFIG.replace('gateproof.config.ts', 'openapi.yaml'));
const op = (key: string) => model.operations.find((o) => o.key === key)!;

describe('sampleRequest (seeded request data from the schemas)', () => {
  it('is reproducible: same seed, same request; another seed, other data', () => {
    const a = sampleRequest(op('PUT /pets/{petId}'), 20261121);
    expect(sampleRequest(op('PUT /pets/{petId}'), 20261121)).toEqual(a);
    expect(sampleRequest(op('PUT /pets/{petId}'), 7)).not.toEqual(a);
  });

  it('fills path parameters valid against their schema, and a JSON body valid against the request schema', () => {
    const r = sampleRequest(op('PUT /pets/{petId}'), 1);
    expect(r.pathParams.petId).toMatch(/^[a-z0-9-]{6,36}$/);
    expect(r.path).toBe(`/pets/${r.pathParams.petId}`);
    expect(r.headers['content-type']).toBe('application/json');
    const body = JSON.parse(r.body!);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['name', 'species']));
    expect(['dog', 'cat', 'bird']).toContain(body.species);
  });

  it('sends the query parameters the integration maps', () => {
    expect(sampleRequest(op('GET /pets'), 1).query).toEqual({ limit: '20', species: 'dog' });
  });

  it('exercises a greedy path with a nested value, each segment encoded', () => {
    const r = sampleRequest(op('GET /files/{proxy+}'), 1);
    expect(r.pathParams.proxy).toContain('/');
    expect(fillPath('/files/{proxy+}', { proxy: 'a b/c' })).toBe('/files/a%20b/c');
    expect(fillPath('/pets/{petId}', { petId: 'a/b' })).toBe('/pets/a%2Fb');
    expect(withQuery('/p', { a: '1', b: 'x y' })).toBe('/p?a=1&b=x+y');
  });

  it('derives a per-operation seed that does not depend on other operations', () => {
    expect(operationSeed(1, 'GET /pets')).toBe(operationSeed(1, 'GET /pets'));
    expect(operationSeed(1, 'GET /pets')).not.toBe(operationSeed(1, 'POST /pets'));
  });
});

describe('lookalikeKey', () => {
  it('keeps the shape (length, character classes, separators) and is never a known key', () => {
    const env = exampleEnv();
    const real = env.DEV_API_KEY!;
    const fake = lookalikeKey(real, [real, env.PROD_API_KEY!]);
    expect(fake).toHaveLength(real.length);
    expect(fake).not.toBe(real);
    expect(fake.replace(/[a-z]/g, 'a').replace(/\d/g, '0')).toBe(real.replace(/[a-z]/g, 'a').replace(/\d/g, '0'));
    expect(lookalikeKey('AB-12', [])).toMatch(/^[A-Z]{2}-\d{2}$/);
  });

  it('draws again when the draw hits a known key', () => {
    const draws = [0, 0, 1, 1];
    expect(lookalikeKey('zz', ['aa'], () => draws.shift() ?? 2)).toBe('bb');
  });
});
