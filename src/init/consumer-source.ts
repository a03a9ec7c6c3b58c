import { slotsFor } from '../auth/credentials.ts';
import type { JsonSchema, Operation } from '../openapi/model.ts';
import { sampleFromSchema } from '../openapi/sample.ts';
import { sampleRequest } from '../request/sample.ts';
import { q } from './config-source.ts';
import { successStatuses } from './example-operation.ts';

export const EXAMPLE_CONSUMER = 'example-client';

/** The vitest config of the team's consumer tests. Pure. */
export function renderConsumerVitestConfig(): string {
  return `import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Consumer contract tests (Pact V4), scaffolded by \`gateproof init --contracts\`: one folder per consumer under
 * consumers/. \`npx gateproof contracts verify --regenerate\` runs them (writing the pacts into contracts.pactDir,
 * named for contracts.provider), then verifies the pacts through the gateway on every stage.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // *.pact.ts: the project's own test runner (default *.test.ts) leaves them to this config.
    include: ['consumers/**/*.pact.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
`;
}

/**
 * An example consumer test for one operation of the team's spec: the request a client sends (credential slots
 * filled with gateproof's placeholder, never a real credential) and what it relies on in the answer (the
 * documented success status; the required fields of the documented body, matched by type). Pure.
 */
export function renderConsumerTest(op: Operation, input: { provider: string; title: string; seed: number; importFrom: string }): string {
  const sampled = sampleRequest(op, input.seed);
  const headers: Record<string, string> = { accept: 'application/json', ...sampled.headers };
  const query: Record<string, string> = { ...sampled.query };
  for (const slot of slotsFor(op)) {
    const value = slot.kind === 'jwt' ? '`Bearer ${PLACEHOLDER}`' : slot.kind === 'basic' ? '`Basic ${PLACEHOLDER}`' : 'PLACEHOLDER';
    if (slot.in === 'header') headers[slot.name] = value;
    else if (slot.in === 'query') query[slot.name] = value;
  }
  const status = successStatuses(op)[0] ?? 200;
  const media = op.responses.find((r) => String(r.status) === String(status))?.content.find((c) => /json/i.test(c.mediaType));
  const body = media?.schema ? bodyMatcher(media.schema, sampleFromSchema(media.schema, input.seed)) : undefined;
  const url = `\${server.url}${sampled.path}${Object.keys(query).length ? `?\${new URLSearchParams(${literal(query)})}` : ''}`;
  const requestBody = sampled.body !== undefined && /json/i.test(headers['content-type'] ?? '') ? JSON.stringify(JSON.parse(sampled.body)) : undefined;
  const withRequest = [
    `.withRequest(${q(sampled.method)}, ${q(sampled.path)}, (req) =>`,
    `        req${Object.keys(query).length ? `.query(${literal(query)})` : ''}.headers(${literal(headers)})${requestBody ? `.jsonBody(${requestBody})` : ''},`,
    '      )',
  ].join('\n');
  const fetchOptions = `{ method: ${q(sampled.method)}, headers: ${literal(headers)}${requestBody ? `, body: ${q(requestBody)}` : ''} }`;
  const matchers = body?.match(/^\w+/)?.[0];
  return `import { ${matchers ? 'MatchersV3, ' : ''}PactV4 } from '@pact-foundation/pact';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from ${q(input.importFrom)};
${
  matchers
    ? `
const { ${matchers} } = MatchersV3;
`
    : ''
}
/**
 * An example consumer of ${input.title.replace(/\s+/g, ' ').replace(/\*\//g, '* /')} (scaffolded by \`gateproof init --contracts\`): rename it after a real
 * client of the API and state what that client sends and relies on. Credentials are never written here: the
 * client sends gateproof's placeholder in each credential slot, and \`gateproof contracts verify\` swaps in the
 * stage's real credential on the way to the gateway. Replace \`fetch\` with the client's own code.
 */
const pact = new PactV4({
  consumer: ${q(EXAMPLE_CONSUMER)},
  // The provider's name: \`gateproof contracts ... --regenerate\` passes contracts.provider of gateproof.config.ts.
  provider: process.env.GATEPROOF_PACT_PROVIDER ?? ${q(input.provider)},
  dir: process.env.GATEPROOF_PACT_DIR ?? fileURLToPath(new URL('../../pacts', import.meta.url)),
  logLevel: 'warn',
});

describe(${q(`${EXAMPLE_CONSUMER} -> ${input.title}`)}, () => {
  it(${q(`calls ${op.key}`)}, () =>
    pact
      .addInteraction()
      .uponReceiving(${q(`a request to ${op.key}`)})
      ${withRequest}
      .willRespondWith(${status}${body ? `, (res) => res.jsonBody(${body})` : ''})
      .executeTest(async (server) => {
        const response = await fetch(\`${url}\`, ${fetchOptions});
        expect(response.status).toBe(${status});
      }));
});
`;
}

/** A TypeScript object literal whose values are string literals, or expressions already written as code (PLACEHOLDER...). */
function literal(values: Record<string, string>): string {
  const code = (v: string): string => (v === 'PLACEHOLDER' || v.startsWith('`') ? v : q(v));
  return `{ ${Object.entries(values)
    .map(([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : q(k)}: ${code(v)}`)
    .join(', ')} }`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pact matchers for a sampled body, kept to what every valid answer has: an object's required properties
 * (matched by type), an array's items (at least one), so a correct provider that omits optional fields or
 * sends other values still satisfies the pact.
 */
function bodyMatcher(schema: JsonSchema, value: unknown): string {
  const shape = requiredPart(schema, value);
  if (Array.isArray(shape)) return shape.length ? `eachLike(${JSON.stringify(shape[0])})` : 'eachLike({})';
  return `like(${JSON.stringify(shape)})`;
}

function requiredPart(schema: Obj, value: unknown): unknown {
  const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.filter(isObj) : [])];
  if (Array.isArray(value)) {
    const items = parts.map((p) => p.items).find(isObj) ?? {};
    return value.map((v) => requiredPart(items, v));
  }
  if (!isObj(value)) return value;
  const required = new Set(parts.flatMap((p) => (Array.isArray(p.required) ? (p.required as string[]) : [])));
  const properties = Object.assign({}, ...parts.map((p) => (isObj(p.properties) ? p.properties : {}))) as Obj;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => required.has(k))
      .map(([k, v]) => [k, requiredPart(isObj(properties[k]) ? properties[k] : {}, v)]),
  );
}
