import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/domain/result.ts';
import { describeFailures, GATE_TEST_TIMEOUT_MS, kindsWith, runGate, type GateRun } from './gate-run.ts';
import { requireFeature, type Feature } from './features.ts';
import type { Defect } from './haproxy/haproxy-cfg.ts';
import { startLab, type HaproxyLab } from './haproxy/lab.ts';

/**
 * Generality: the gate against HAProxy from Debian, a gateway gateproof did not write, in front of backends
 * gateproof did not write, with only a config: the `generic` profile told HAProxy's own answers, JWT routes
 * verified by `jwt_verify`, API-key routes, a sliding-window limiter in stick tables, two stages on two
 * frontends. A clean configuration passes with no failed check; each planted misconfiguration fails the kind
 * that exists for it and no unrelated kind.
 */

interface PlantedDefect {
  defect: Defect;
  /** At least one of these kinds must fail. */
  catches: string[];
  /** These may fail too (the same defect seen from another angle); any other failing kind is a false alarm. */
  alsoAffected?: string[];
  /**
   * Every failed check is about this operation: it is the check's operation, or, for a check over several
   * operations (throttle.coverage), the one its finding names.
   */
  operation?: string;
  /** Families or kinds run (`--only`). */
  only: string;
  /** Features of issues 12/13 the proof needs: the case fails, naming them, until the tree has them. */
  needs?: Feature[];
}

const GATE = 'auth,route,stage';
const THROTTLE = 'throttle,stage.throttle-isolation';
const JWT_KINDS = ['auth.malformed-token', 'auth.expired-token', 'auth.wrong-audience', 'auth.wrong-issuer', 'auth.bad-signature', 'auth.alg-none'];
const ORDER = 'GET /orders/{orderId}';

const PLANTED: PlantedDefect[] = [
  {
    defect: { name: 'jwt-unchecked', operation: ORDER },
    catches: ['auth.missing'],
    alsoAffected: [...JWT_KINDS, 'auth.path-variants', 'auth.implicit-methods', 'stage.key-isolation'],
    operation: ORDER,
    only: GATE,
  },
  { defect: { name: 'jwt-unverified' }, catches: ['auth.bad-signature'], only: GATE },
  { defect: { name: 'exp-unchecked' }, catches: ['auth.expired-token'], only: GATE },
  { defect: { name: 'aud-unchecked' }, catches: ['auth.wrong-audience'], only: GATE },
  { defect: { name: 'auth-listed-methods' }, catches: ['auth.implicit-methods'], only: GATE, needs: ['implicitMethods'] },
  { defect: { name: 'any-stage-key', stage: 'prod' }, catches: ['stage.key-isolation'], operation: 'GET /catalog/{itemId}', only: GATE },
  { defect: { name: 'open-unknown' }, catches: ['route.unknown'], alsoAffected: ['auth.path-variants', 'route.method'], only: GATE },
  { defect: { name: 'drop-path-param', operation: ORDER }, catches: ['route.mapped'], operation: ORDER, only: GATE, needs: ['routeOracle'] },
  { defect: { name: 'leak-server' }, catches: ['route.attribution'], only: GATE },
  {
    defect: { name: 'post-untracked' },
    catches: ['throttle.coverage'],
    operation: 'POST /orders',
    only: 'throttle',
    needs: ['windowLimits', 'throttleCoverage'],
  },
  {
    defect: { name: 'loose-limit' },
    catches: ['throttle.burst', 'throttle.rate'],
    alsoAffected: ['throttle.recovery', 'throttle.coverage'],
    only: THROTTLE,
    needs: ['windowLimits'],
  },
];

const isAbout = (check: CheckResult, operation: string): boolean =>
  /^[A-Z]+ \//.test(check.operation ?? '') ? check.operation === operation : check.actual.includes(operation);

const describeDefect = (d: Defect): string => [d.name, 'operation' in d ? d.operation : '', 'stage' in d ? `on ${d.stage}` : ''].filter(Boolean).join(' ');

describe("the gate against HAProxy (generic profile with HAProxy's own answers, config only)", () => {
  let lab: HaproxyLab;
  let clean: GateRun | undefined;

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
      try {
        clean = await runGate(deployment.configPath, deployment.reportsDir);
      } finally {
        await deployment.stop();
      }
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
        'route.mapped',
        'route.unknown',
        'route.method',
        'route.attribution',
        'route.cors',
        'stage.key-isolation',
        'stage.routing',
      ]) {
        expect(passed, `${kind} did not pass on the clean HAProxy`).toContain(kind);
      }
      const report = readFileSync(join(deployment.reportsDir, 'latest', 'gate.json'), 'utf8');
      for (const secret of deployment.secrets) expect(report.includes(secret), 'a stage credential reached gate.json').toBe(false);
    },
    GATE_TEST_TIMEOUT_MS,
  );

  /** Kinds of issues 12/13 the clean run must have passed, each once its feature is in the tree. */
  const CLEAN_WITH: { kinds: string[]; needs: Feature[]; what: string }[] = [
    {
      kinds: ['throttle.burst', 'throttle.rate', 'throttle.recovery', 'stage.throttle-isolation'],
      needs: ['windowLimits'],
      what: 'the sliding-window limit (stick tables)',
    },
    { kinds: ['throttle.coverage'], needs: ['windowLimits', 'throttleCoverage'], what: 'every route under the stage window' },
    { kinds: ['auth.implicit-methods'], needs: ['implicitMethods'], what: 'HEAD, OPTIONS and TRACE without credentials' },
  ];
  for (const step of CLEAN_WITH) {
    it(`the clean HAProxy passes ${step.kinds.join(', ')} (${step.what})`, () => {
      for (const feature of step.needs) requireFeature(feature);
      expect(clean, 'the clean run did not complete').toBeDefined();
      const passed = kindsWith(clean!, 'passed');
      for (const kind of step.kinds) expect(passed, `${kind} did not pass on the clean HAProxy`).toContain(kind);
    });
  }

  it("the clean HAProxy's route.mapped checks read what the backend received (oracle.path/method/query)", () => {
    requireFeature('routeOracle');
    expect(clean, 'the clean run did not complete').toBeDefined();
    const mapped = clean!.gate.checks.filter((c) => c.kind === 'route.mapped');
    expect(mapped.length).toBeGreaterThan(0);
    for (const check of mapped) expect(check.expected, check.id).toMatch(/saw (GET|POST) \//);
  });

  for (const planted of PLANTED) {
    it(
      `planted: ${describeDefect(planted.defect)} fails ${planted.catches.join(' or ')}`,
      async () => {
        for (const feature of planted.needs ?? []) requireFeature(feature);
        const deployment = await lab.deploy([planted.defect]);
        let run: GateRun;
        try {
          run = await runGate(deployment.configPath, deployment.reportsDir, planted.only);
        } finally {
          await deployment.stop();
        }
        const failedKinds = new Set<string>(run.failed.map((c) => c.kind));
        expect(run.code, run.output).toBe(1);
        expect(
          planted.catches.some((k) => failedKinds.has(k)),
          `none of ${planted.catches.join(', ')} failed:\n${describeFailures(run)}`,
        ).toBe(true);
        const allowed = new Set([...planted.catches, ...(planted.alsoAffected ?? [])]);
        expect(
          run.failed.filter((c) => !allowed.has(c.kind)).map((c) => `${c.id}: ${c.actual}`),
          'unrelated kinds failed',
        ).toEqual([]);
        if (planted.operation)
          expect(
            run.failed.filter((c) => !isAbout(c, planted.operation!)).map((c) => `${c.id}: ${c.actual}`),
            `failures outside ${planted.operation}`,
          ).toEqual([]);
      },
      GATE_TEST_TIMEOUT_MS,
    );
  }
});
