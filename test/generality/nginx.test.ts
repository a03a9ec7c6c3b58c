import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckKind } from '../../src/domain/kinds.ts';
import { gateDeployment, GATE_TEST_TIMEOUT_MS, kindsWith } from './gate-run.ts';
import type { Defect } from './nginx/nginx-conf.ts';
import { startLab, type NginxLab } from './nginx/lab.ts';
import { plantedSuite, type PlantedGroup } from './planted.ts';

/**
 * Generality: the same gate against a differently built gateway (NGINX from Debian, with its njs module for
 * JWT verification and body validation) in front of NGINX backends that show what they received in debug
 * headers, with only a profile (`generic`, told NGINX's answers, strict) and a config: no code change. API-key
 * routes, a JWT route, validated routes, a token bucket per route (`limit_req ... burst=N nodelay`), two
 * stages as path prefixes. A clean configuration passes every check, every kind run; each planted
 * misconfiguration fails the kind meant to catch it, and nothing else.
 */

const PETS = 'GET /pets';
const PET = 'GET /pets/{petId}';
const OWNER = 'GET /owners/{ownerId}';
const KEY_ROUTES = [PETS, 'POST /pets', PET];
const VALIDATED = [PETS, 'POST /pets'];
const JWT_KINDS: CheckKind[] = [
  'auth.malformed-token',
  'auth.expired-token',
  'auth.wrong-audience',
  'auth.wrong-issuer',
  'auth.bad-signature',
  'auth.alg-none',
];

/**
 * Every defect of issues 12 and 13, and the JWT and routing ones, in two deployments: defects on one stage
 * affect different operations or different kinds. A signature and an audience left unchecked on one stage
 * would together accept the other stage's token, so aud-unchecked is planted apart from jwt-unverified.
 */
const PLANTED: PlantedGroup<Defect>[] = [
  {
    only: 'auth,route,stage',
    cases: [
      {
        defect: { name: 'auth-skipped', stage: 'dev', operation: PET },
        catches: ['auth.missing'],
        alsoAffected: ['auth.invalid-key', 'auth.path-variants', 'auth.implicit-methods', 'stage.key-isolation'],
      },
      { defect: { name: 'drop-path-param', stage: 'dev', operation: OWNER }, catches: ['route.mapped'] },
      { defect: { name: 'validators-off', stage: 'dev' }, catches: ['route.validation'], on: VALIDATED },
      { defect: { name: 'leak-powered-by', stage: 'dev' }, catches: ['route.attribution'] },
      { defect: { name: 'any-stage-key', stage: 'prod' }, catches: ['stage.key-isolation'], on: KEY_ROUTES },
      { defect: { name: 'jwt-unverified', stage: 'prod' }, catches: ['auth.bad-signature'], on: [OWNER] },
      { defect: { name: 'exp-unchecked', stage: 'prod' }, catches: ['auth.expired-token'], on: [OWNER] },
      { defect: { name: 'auth-listed-methods', stage: 'prod' }, catches: ['auth.implicit-methods'], on: [...KEY_ROUTES, OWNER] },
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
      { defect: { name: 'aud-unchecked', stage: 'dev' }, catches: ['auth.wrong-audience'], on: [OWNER] },
      { defect: { name: 'limiter-skipped', stage: 'prod', operation: PET }, catches: ['throttle.coverage'] },
    ],
  },
];

describe("the gate against NGINX (generic profile with NGINX's answers, strict, config only)", () => {
  let lab: NginxLab;

  beforeAll(async () => {
    lab = await startLab();
  });

  afterAll(async () => {
    await lab?.close();
  });

  it(
    'a clean NGINX configuration passes every check',
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
        expect(passed, `${kind} did not pass on the clean NGINX`).toContain(kind);
      }
      const check = (id: string) => clean.gate.checks.find((c) => c.id === id);
      expect(check(`dev:auth.implicit-methods:${PET}`)?.actual).toMatch(/^HEAD 403, OPTIONS 204, TRACE 405; OPTIONS answered 204 by the gateway itself/);
      expect(check(`dev:auth.implicit-methods:${OWNER}`)?.actual).toMatch(/^HEAD 401, OPTIONS 204, TRACE 405/);
      expect(check('dev:route.validation:POST /pets')?.actual).toMatch(/^4 invalid requests refused \(400\)/);
      expect(check(`dev:route.mapped:${PET}`)?.expected).toMatch(/backend "dev" saw GET \/pets\/\S+ \(x-backend header\)/);
      // A token bucket per route: the coverage check drains each on its own.
      expect(check('dev:throttle.coverage:*')?.actual).toMatch(/^5 of 5 operations refused a burst beyond their limit \(5 limiters/);
      const report = readFileSync(join(deployment.reportsDir, 'latest', 'gate.json'), 'utf8');
      for (const secret of deployment.secrets) expect(report.includes(secret), 'a stage credential reached gate.json').toBe(false);
    },
    GATE_TEST_TIMEOUT_MS,
  );

  plantedSuite('NGINX', PLANTED, async (group) => gateDeployment(await lab.deploy(group.cases.map((c) => c.defect)), group.only));
});
