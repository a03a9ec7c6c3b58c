import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckKind } from '../../src/domain/kinds.ts';
import { gateDeployment, GATE_TEST_TIMEOUT_MS, kindsWith } from './gate-run.ts';
import type { Defect } from './haproxy/haproxy-cfg.ts';
import { startLab, type HaproxyLab } from './haproxy/lab.ts';
import { plantedSuite, type PlantedGroup } from './planted.ts';

/**
 * Generality: the gate against HAProxy from Debian, a gateway gateproof did not write, in front of backends
 * gateproof did not write, with only a config: the `generic` profile told HAProxy's own answers (strict),
 * JWT routes verified by `jwt_verify`, an API-key route, request validation with ACLs, a sliding-window
 * limiter in stick tables, two stages on two frontends. A clean configuration passes with no failed check and
 * every kind run; each planted misconfiguration fails the kind that exists for it and no unrelated kind.
 */

const JWT_KINDS: CheckKind[] = [
  'auth.malformed-token',
  'auth.expired-token',
  'auth.wrong-audience',
  'auth.wrong-issuer',
  'auth.bad-signature',
  'auth.alg-none',
];
const ORDER = 'GET /orders/{orderId}';
const ITEM = 'GET /catalog/{itemId}';
const JWT_ROUTES = ['GET /orders', 'POST /orders', ORDER];
const VALIDATED = ['GET /orders', 'POST /orders'];

/**
 * Every defect of issues 12 and 13 HAProxy can express, and the JWT and routing ones it adds, in two
 * deployments: defects on one stage affect different operations or different kinds. A signature and an
 * audience left unchecked on one stage would together accept the other stage's token, so aud-unchecked is
 * planted apart from jwt-unverified.
 */
const PLANTED: PlantedGroup<Defect>[] = [
  {
    only: 'auth,route,stage',
    cases: [
      {
        defect: { name: 'auth-skipped', stage: 'dev', operation: ORDER },
        catches: ['auth.missing'],
        alsoAffected: [...JWT_KINDS, 'auth.path-variants', 'auth.implicit-methods', 'stage.key-isolation'],
      },
      { defect: { name: 'any-stage-key', stage: 'dev' }, catches: ['stage.key-isolation'], on: [ITEM] },
      { defect: { name: 'drop-path-param', stage: 'dev', operation: ITEM }, catches: ['route.mapped'] },
      { defect: { name: 'validators-off', stage: 'dev' }, catches: ['route.validation'], on: VALIDATED },
      { defect: { name: 'leak-server', stage: 'dev' }, catches: ['route.attribution'] },
      { defect: { name: 'jwt-unverified', stage: 'prod' }, catches: ['auth.bad-signature'], on: JWT_ROUTES },
      { defect: { name: 'exp-unchecked', stage: 'prod' }, catches: ['auth.expired-token'], on: JWT_ROUTES },
      { defect: { name: 'auth-listed-methods', stage: 'prod' }, catches: ['auth.implicit-methods'], on: [...JWT_ROUTES, ITEM] },
      { defect: { name: 'open-unknown', stage: 'prod' }, catches: ['route.unknown'], alsoAffected: ['auth.path-variants', 'route.method'] },
    ],
  },
  {
    cases: [
      {
        defect: { name: 'loose-limit', stage: 'dev' },
        catches: ['throttle.burst', 'throttle.rate'],
        alsoAffected: ['throttle.recovery', 'throttle.coverage'],
      },
      { defect: { name: 'aud-unchecked', stage: 'dev' }, catches: ['auth.wrong-audience'], on: JWT_ROUTES },
      { defect: { name: 'limiter-skipped', stage: 'prod', operation: 'POST /orders' }, catches: ['throttle.coverage'] },
    ],
  },
];

describe("the gate against HAProxy (generic profile with HAProxy's own answers, strict, config only)", () => {
  let lab: HaproxyLab;

  beforeAll(async () => {
    lab = await startLab();
  });

  afterAll(async () => {
    await lab?.close();
  });

  it(
    'a clean HAProxy configuration passes every check',
    async () => {
      const deployment = await lab.deploy();
      const clean = await gateDeployment(deployment);
      expect(
        clean.failed.map((c) => `${c.id}: ${c.actual}`),
        clean.output,
      ).toEqual([]);
      expect(clean.code, clean.output).toBe(0);
      const passed = kindsWith(clean, 'passed');
      for (const kind of [
        'auth.missing',
        'auth.invalid-key',
        ...JWT_KINDS,
        'auth.path-variants',
        'auth.public-open',
        'auth.implicit-methods',
        'route.mapped',
        'route.unknown',
        'route.method',
        'route.attribution',
        'route.cors',
        'route.validation',
        'stage.key-isolation',
        'stage.routing',
        'throttle.burst',
        'throttle.rate',
        'throttle.recovery',
        'throttle.coverage',
        'stage.throttle-isolation',
      ]) {
        expect(passed, `${kind} did not pass on the clean HAProxy`).toContain(kind);
      }
      const check = (id: string) => clean.gate.checks.find((c) => c.id === id);
      // The sliding window judged as one: from fresh to the first refusal; every route under the stage window.
      expect(check('dev:throttle.rate:GET /health')?.actual).toMatch(/accepted from a fresh window \d+ \(declared 40/);
      expect(check('dev:throttle.coverage:*')?.actual).toMatch(/^5 of 5 operations refused a burst beyond their limit \(1 limiters/);
      expect(check('dev:route.validation:POST /orders')?.actual).toMatch(/^\d invalid requests refused \(400\)/);
      for (const mapped of clean.gate.checks.filter((c) => c.kind === 'route.mapped')) expect(mapped.expected, mapped.id).toMatch(/saw (GET|POST) \//);
      const report = readFileSync(join(deployment.reportsDir, 'latest', 'gate.json'), 'utf8');
      for (const secret of deployment.secrets) expect(report.includes(secret), 'a stage credential reached gate.json').toBe(false);
    },
    GATE_TEST_TIMEOUT_MS,
  );

  plantedSuite('HAProxy', PLANTED, async (group) => gateDeployment(await lab.deploy(group.cases.map((c) => c.defect)), group.only));
});
