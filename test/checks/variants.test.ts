import { describe, expect, it } from 'vitest';
import { matchesTemplate, pathVariants } from '../../src/checks/auth/variants.ts';

describe('pathVariants', () => {
  const variants = pathVariants('GET', '/pets/abc123', { stagePrefix: '/prod', publicPath: '/health' });
  const byLabel = Object.fromEntries(variants.map((v) => [v.label, v]));

  it('spells the route every way a sloppy gateway may route around its auth', () => {
    expect(byLabel['trailing slash']!.path).toBe('/pets/abc123/');
    expect(byLabel['upper case']!.path).toBe('/PETS/ABC123');
    expect(byLabel['mixed case']!.path).toBe('/Pets/abc123');
    expect(byLabel['percent-encoded letter']!.path).toBe('/%70ets/abc123');
    expect(byLabel['leading double slash']!.path).toBe('//pets/abc123');
    expect(byLabel['inner double slash']!.path).toBe('/pets//abc123');
    expect(byLabel['encoded slash']!.path).toBe('/pets%2Fabc123');
    expect(byLabel['dot segment']!.path).toBe('/./pets/abc123');
    expect(byLabel['dot-dot segment']!.path).toBe('/gateproof/../pets/abc123');
  });

  it('tries method-override headers on another method and rewrite headers pointing at a public path', () => {
    expect(byLabel['method override headers']).toMatchObject({
      method: 'POST',
      path: '/pets/abc123',
      headers: { 'x-http-method-override': 'GET', 'x-http-method': 'GET', 'x-method-override': 'GET' },
    });
    expect(byLabel['original-URL headers']).toMatchObject({
      method: 'GET',
      headers: { 'x-original-url': '/prod/health', 'x-rewrite-url': '/prod/health', 'x-forwarded-path': '/prod/health' },
    });
    expect(pathVariants('POST', '/orders', { stagePrefix: '' }).find((v) => v.label === 'method override headers')!.method).toBe('GET');
  });

  it('never repeats a spelling and never sends the original request', () => {
    const keys = variants.map((v) => `${v.method} ${v.path} ${JSON.stringify(v.headers)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(variants.some((v) => v.method === 'GET' && v.path === '/pets/abc123' && Object.keys(v.headers).length === 0)).toBe(false);
  });

  it('leaves out what a one-segment path cannot have', () => {
    const labels = pathVariants('GET', '/pets', { stagePrefix: '' }).map((v) => v.label);
    expect(labels).not.toContain('inner double slash');
    expect(labels).not.toContain('encoded slash');
    expect(labels).toContain('trailing slash');
  });
});

describe('matchesTemplate (a variant that normalizes onto a public route is not a bypass)', () => {
  it.each([
    ['/pets/{petId}', '/pets/abc', true],
    ['/pets/{petId}', '/pets/abc/', true],
    ['/pets/{petId}', '/./pets//abc', true],
    ['/pets/{petId}', '/gateproof/../pets/abc', true],
    ['/pets/{petId}', '/pets%2Fabc', true],
    ['/pets/{petId}', '/PETS/abc', false],
    ['/pets/{petId}', '/pets', false],
    ['/pets/{petId}/photos', '/pets/abc/photos', true],
    ['/files/{proxy+}', '/files/a/b/c', true],
    ['/files/{proxy+}', '/files', false],
    ['/health', '/health?x=1', true],
  ])('%s vs %s -> %s', (template, path, expected) => {
    expect(matchesTemplate(template, path)).toBe(expected);
  });
});
