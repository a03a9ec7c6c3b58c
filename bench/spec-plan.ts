import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig } from '../src/config/load.ts';
import { plan } from '../src/plan/plan.ts';
import { loadSpec } from '../src/openapi/load.ts';
import type { Bench, Figure } from './types.ts';

/** A realistic large spec: `resources` resources x 5 operations, shared $ref schemas, mixed security. */
export function generateSpec(operations: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const resources = Math.ceil(operations / 5);
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  for (let i = 0; i < resources; i++) {
    const security = [[{ api_key: [] }], [{ jwt: [] }], [{ api_key: [], jwt: [] }], []][i % 4];
    const integration = { type: 'http_proxy', httpMethod: 'ANY', uri: `http://\${stageVariables.host}/r${i}` };
    const item = { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] };
    paths[`/r${i}`] = {
      get: {
        security,
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
        responses: { 200: { description: 'ok', ...json({ type: 'array', items: ref('Thing') }) } },
        'x-amazon-apigateway-integration': integration,
      },
      post: {
        security,
        requestBody: { required: true, ...json(ref('NewThing')) },
        responses: { 201: { description: 'created', ...json(ref('Thing')) } },
        'x-amazon-apigateway-integration': integration,
      },
    };
    paths[`/r${i}/{id}`] = {
      ...item,
      get: {
        security,
        responses: { 200: { description: 'ok', ...json(ref('Thing')) }, 404: { description: 'missing', ...json(ref('Error')) } },
        'x-amazon-apigateway-integration': integration,
      },
      put: {
        security,
        requestBody: { required: true, ...json(ref('NewThing')) },
        responses: { 200: { description: 'ok', ...json(ref('Thing')) } },
        'x-amazon-apigateway-integration': integration,
      },
      delete: { security, responses: { 204: { description: 'gone' } }, 'x-amazon-apigateway-integration': integration },
    };
  }
  return {
    openapi: '3.0.1',
    info: { title: 'bench', version: '1' },
    paths,
    components: {
      securitySchemes: {
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        jwt: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authorizer': { type: 'jwt', jwtConfiguration: { issuer: 'https://i/', audience: ['a'] } },
        },
      },
      schemas: {
        NewThing: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } },
        Thing: { allOf: [ref('NewThing'), { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }] },
        Error: { type: 'object', properties: { message: { type: 'string' } } },
      },
    },
  };
}

/** Time and peak memory to load and plan a generated 1,000-operation spec (target: < 2 s, < 300 MB). */
async function measure(operations = 1000): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-bench-'));
  const file = join(dir, 'openapi.yaml');
  writeFileSync(file, stringify(generateSpec(operations)));
  const config = parseConfig(
    { spec: file, stages: { dev: { baseURL: 'http://127.0.0.1:1/dev', throttle: { rate: 100, burst: 50 } }, prod: { baseURL: 'http://127.0.0.1:1/prod' } } },
    join(dir, 'gateproof.config.json'),
    { environment: {} },
  );
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const model = await loadSpec(file);
  const checks = plan(model, config);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  rmSync(dir, { recursive: true, force: true });
  const mb = peak / 1024 / 1024;
  return [
    {
      name: `load + plan ${model.operations.length} operations`,
      value: Number(seconds.toFixed(2)),
      unit: 's',
      target: '< 2',
      pass: seconds < 2,
      note: `${checks.length} checks`,
    },
    { name: 'load + plan peak RSS', value: Math.round(mb), unit: 'MB', target: '< 300', pass: mb < 300 },
  ];
}

const bench: Bench = { name: 'spec-plan', run: () => measure() };
export default bench;
