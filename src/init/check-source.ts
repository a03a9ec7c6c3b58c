import type { Operation } from '../openapi/model.ts';
import { q } from './config-source.ts';
import { successStatuses } from './example-operation.ts';

/**
 * The text of the example check init writes into checks/ for the team's own spec: it calls one operation with
 * the stage's credentials through the paced client and expects a documented success status. Pure.
 */
export function renderCheckSource(op: Operation, input: { title: string; importFrom: string }): string {
  const statuses = successStatuses(op);
  const expectation =
    statuses.length === 1
      ? `expect(response.status).toBe(${statuses[0]});`
      : statuses.length > 1
        ? `expect([${statuses.join(', ')}]).toContain(response.status);`
        : 'expect(response.status).toBeGreaterThanOrEqual(200);\n  expect(response.status).toBeLessThan(300);';
  return `import { expect, test } from ${q(input.importFrom)};

/**
 * A check of your own for ${input.title.replace(/\s+/g, ' ').replace(/\*\//g, '* /')}, beside the ones gateproof plans from the spec (scaffolded
 * by \`gateproof init\`: edit it, add more files under checks/). \`npx gateproof smoke\` runs it once per stage, through
 * the stage's paced client with the stage's credentials; it counts in the report as a check of the kind it is
 * tagged with (untagged: route.mapped), and a failing one fails the gate.
 *
 *   api.call('${op.key}')                          a valid request built from the spec, with the stage's credentials
 *   api.call('${op.key}', { credentials: 'none' }) the same without credentials (also: query, pathParams, body, headers)
 *   api.send({ method: 'GET', path: '/...' })       a raw request below the stage's base URL
 *   credentials.apiKey(), credentials.jwt()         the stage's credentials; stage.name, stage.baseURL
 */
test(${q(`${op.key} answers with a documented success status`)}, { tag: '@route.mapped' }, async ({ api }) => {
  const { response } = await api.call(${q(op.key)});
  ${expectation}
});
`;
}
