import { describe, expect, it } from 'vitest';
import { plannedRequests, requestBudget } from '../../src/plan/request-budget.ts';
import { makeCheck } from '../../src/plan/stage-plan.ts';

const implicit = makeCheck('dev', 'auth.implicit-methods', 'GET /pets', { path: '/pets', methods: ['HEAD', 'OPTIONS', 'TRACE'] }, 'GET /pets');
const validation = makeCheck(
  'dev',
  'route.validation',
  'POST /pets',
  {
    validation: { body: true, parameters: true, source: 'config validation' },
    probes: [{ kind: 'empty-body' }, { kind: 'missing-property', property: 'name' }],
  },
  'POST /pets',
);
const warning = makeCheck('prod', 'route.validation', 'PUT /pets/{petId}', { validation: null, probes: [] }, 'PUT /pets/{petId}');
const missing = makeCheck('dev', 'auth.missing', 'GET /pets', {}, 'GET /pets');

describe('request budget', () => {
  it('counts one request per method or probe the plan fixed; other kinds have no fixed budget', () => {
    expect([implicit, validation, warning, missing].map(plannedRequests)).toEqual([3, 2, 0, undefined]);
  });

  it('sums per kind in plan order', () => {
    expect(requestBudget([validation, missing, implicit, warning, implicit])).toEqual([
      { kind: 'route.validation', checks: 2, requests: 2 },
      { kind: 'auth.implicit-methods', checks: 2, requests: 6 },
    ]);
  });
});
