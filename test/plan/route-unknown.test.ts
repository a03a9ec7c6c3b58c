import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Router } from '../../src/gateway/router.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { Operation } from '../../src/openapi/model.ts';
import { undeclaredRoute } from '../../src/plan/route.ts';

const corpus = (path: string): string => fileURLToPath(new URL(`../corpus/specs/${path}`, import.meta.url));
const op = (method: Operation['method'], path: string): Operation => ({
  key: `${method} ${path}`,
  method,
  path,
  tags: [],
  parameters: [],
  responses: [],
  security: [],
  explicitlyPublic: false,
  apiKeyRequired: false,
  greedy: /\{[^}]+\+\}$/.test(path),
});

describe('route.unknown probes a path no declared route matches', () => {
  it('goes one segment deeper than routes whose parameters match any segment (the S3-proxy export: /{folder}/{item})', async () => {
    const model = await loadSpec(corpus('aws-s3-proxy/s3-proxy.swagger.json'));
    const probe = undeclaredRoute(model.operations)!;
    expect(probe).toEqual({ method: 'GET', path: '/gateproof-undeclared-route/gateproof-undeclared-route/gateproof-undeclared-route' });
    expect(new Router(model.operations).match('GET', probe.path).kind).toBe('none');
  });

  it('stays one segment long when nothing matches it; a greedy route below a literal does not matter', () => {
    expect(undeclaredRoute([op('GET', '/pets'), op('ANY', '/files/{proxy+}')])).toEqual({ method: 'GET', path: '/gateproof-undeclared-route' });
  });

  it('finds none under a root catch-all (`/{proxy+}` ANY): every path is declared', async () => {
    expect(undeclaredRoute([op('ANY', '/'), op('ANY', '/{proxy+}')])).toBeUndefined();
    const template = await loadSpec(corpus('aws-serverless-express-proxy/simple-proxy-api.yaml'));
    expect(undeclaredRoute(template.operations)).toBeUndefined();
  });
});
