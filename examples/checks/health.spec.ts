import { expect, test } from 'gateproof/suites';

/**
 * The Petstore example's own checks (customChecks in examples/gateproof.config.ts), written as a team writes
 * theirs in its repository: next to the generated gate, once per stage, through the stage's paced client and
 * credentials, counted in the report as checks of the kind they are tagged with.
 */
test('the health probe answers ok without credentials', { tag: '@auth.public-open' }, async ({ api }) => {
  const { response } = await api.call('GET /health', { credentials: 'none' });
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
});

test('a partner lists dogs with the stage API key', { tag: '@route.mapped' }, async ({ api, credentials }) => {
  test.skip(!(await credentials.apiKey()), 'the stage has no API key (an HTTP API has none)');
  const { response } = await api.call('GET /pets', { query: { species: 'dog', limit: '3' } });
  expect(response.status).toBe(200);
  expect(Array.isArray(JSON.parse(response.body))).toBe(true);
});
