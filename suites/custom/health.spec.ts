import { expect, test } from '../fixtures.ts';

/**
 * An example of a team's own check next to the generated gate: it runs once per stage (project), reuses the
 * stage's paced client and credentials, and counts in the report as a check of the kind it is tagged with.
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
