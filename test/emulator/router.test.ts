import { describe, expect, it } from 'vitest';
import { Router, splitPath } from '../../src/gateway/router.ts';
import { inlineModel } from './helpers.ts';

const ok = { responses: { '200': { description: 'ok' } } };
const router = new Router(
  inlineModel({
    paths: {
      '/': { get: ok },
      '/a/b': { get: ok },
      '/a/{x}': { get: ok, delete: ok },
      '/a/{x}/c': { post: ok },
      '/g/{proxy+}': { get: ok },
      '/g/fixed': { put: ok },
      '/any': { 'x-amazon-apigateway-any-method': ok, get: ok },
    },
  }).operations,
);

const keyOf = (method: string, path: string): string => {
  const m = router.match(method, path);
  return m.kind === 'route' ? `${m.operation.key} ${JSON.stringify(m.params)}` : m.kind;
};

describe('Router', () => {
  it.each([
    ['GET', '/', 'GET / {}'],
    ['GET', '', 'GET / {}'],
    ['GET', '/a/b', 'GET /a/b {}'],
    ['GET', '/a/zz', 'GET /a/{x} {"x":"zz"}'],
    ['DELETE', '/a/zz/', 'DELETE /a/{x} {"x":"zz"}'],
    ['DELETE', '/a/b', 'method'],
    ['POST', '/a/q%20r/c', 'POST /a/{x}/c {"x":"q r"}'],
    ['GET', '/g/one/two/three', 'GET /g/{proxy+} {"proxy":"one/two/three"}'],
    ['GET', '/g/fixed', 'method'],
    ['PUT', '/g/fixed', 'PUT /g/fixed {}'],
    ['GET', '/any', 'GET /any {}'],
    ['PATCH', '/any', 'ANY /any {}'],
    ['GET', '/A/b', 'none'],
    ['GET', '/a//b', 'none'],
    ['GET', '/a/%zz', 'none'],
    ['GET', '/nothing', 'none'],
  ])('%s %s -> %s', (method, path, expected) => {
    expect(keyOf(method, path)).toBe(expected);
  });

  it('splitPath decodes per segment and refuses empty segments', () => {
    expect(splitPath('/a%2Fb/c')).toEqual(['a/b', 'c']);
    expect(splitPath('/a/')).toEqual(['a']);
    expect(splitPath('/a//')).toBeUndefined();
    expect(splitPath('a')).toBeUndefined();
  });
});
