import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/load.ts';
import type { PacingSummary } from '../src/http/pacing-summary.ts';
import type { Check } from '../src/domain/check.ts';
import type { GateReport } from '../src/domain/result.ts';
import { loadSpec } from '../src/openapi/load.ts';
import { probeBudgetOf, requestBudget } from '../src/plan/request-budget.ts';
import { plan } from '../src/plan/plan.ts';
import type { Bench, Figure } from './types.ts';

const BIN = fileURLToPath(new URL('../bin/gateproof.js', import.meta.url));
const EXAMPLE_CONFIG = fileURLToPath(new URL('../examples/gateproof.config.ts', import.meta.url));
const ARGS = ['demo', '--skip-load', '--only', 'auth,route,stage'];

/**
 * The default smoke gate on examples/ (both stages, auth/route/stage, no load) through the real CLI: the
 * wall time of the whole command against its pacing floor (requests sent / allowed rate, slowest stage).
 * Targets: under 30 s, and within 1.5 × floor + 3 s. The detection probes (auth.implicit-methods,
 * route.validation; their request budget from the plan) may add at most 30% to the other requests: the
 * gate is pacing-bound, so that bounds their share of its wall time. The throttle family is bound by its
 * probes' time: throttle.coverage may add at most 30% to the other throttle probes' bound.
 */
async function measure(): Promise<{ wallMs: number; code: number; pacing: PacingSummary; report: GateReport }> {
  const cwd = mkdtempSync(join(tmpdir(), 'gateproof-bench-gate-'));
  try {
    const start = Date.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...ARGS], { cwd, stdio: 'ignore', env: { ...process.env, FORCE_COLOR: '0' } });
      child.on('error', reject);
      child.on('close', (c) => resolve(c ?? -1));
    });
    const wallMs = Date.now() - start;
    const dir = realpathSync(join(cwd, 'reports', 'latest'));
    return {
      wallMs,
      code,
      pacing: JSON.parse(readFileSync(join(dir, 'pacing.json'), 'utf8')) as PacingSummary,
      report: JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as GateReport,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** The examples' whole plan (the detection kinds are planned alike with or without --only). */
async function plannedChecks(): Promise<Check[]> {
  const config = await loadConfig(EXAMPLE_CONFIG, { lenientEnv: true });
  return plan(await loadSpec(config.specLocation), config);
}

/** Requests the plan budgets for the detection kinds in the measured run. */
function detectionBudget(checks: readonly Check[]): number {
  return requestBudget(checks)
    .filter((b) => b.kind === 'auth.implicit-methods' || b.kind === 'route.validation')
    .reduce((n, b) => n + b.requests, 0);
}

/**
 * The throttle family of the demo is bound by its probes' time: throttle.coverage's bound against the
 * other throttle probes' (each check's plan budget, in seconds).
 */
function coverageTimeShare(checks: readonly Check[]): { coverage: number; others: number } {
  const bounds = checks.flatMap((c) => {
    const budget = probeBudgetOf(c);
    return budget ? [{ kind: c.kind, seconds: budget.seconds }] : [];
  });
  const sum = (kinds: typeof bounds) => kinds.reduce((n, b) => n + b.seconds, 0);
  return { coverage: sum(bounds.filter((b) => b.kind === 'throttle.coverage')), others: sum(bounds.filter((b) => b.kind !== 'throttle.coverage')) };
}

const bench: Bench = {
  name: 'gate',
  async run(): Promise<Figure[]> {
    const { wallMs, code, pacing, report } = await measure();
    const bound = 1.5 * pacing.floorMs + 3000;
    const perStage = Object.entries(pacing.stages)
      .map(([s, p]) => `${s}: ${p.requests} req at ${p.rate}/s`)
      .join(', ');
    const checks = await plannedChecks();
    const probes = detectionBudget(checks);
    const growth = probes / Math.max(1, pacing.requests - probes);
    const coverage = coverageTimeShare(checks);
    const coverageShare = coverage.coverage / Math.max(1, coverage.others);
    return [
      {
        name: `gateproof ${ARGS.join(' ')}`,
        value: seconds(wallMs),
        unit: 's',
        target: '< 30 s',
        pass: wallMs < 30_000 && code === 0,
        note: `exit ${code}, ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`,
      },
      { name: 'pacing floor (requests / allowed rate)', value: seconds(pacing.floorMs), unit: 's', note: perStage },
      { name: 'wall time vs 1.5 × floor + 3 s', value: seconds(wallMs), unit: 's', target: `<= ${seconds(bound)} s`, pass: wallMs <= bound },
      { name: 'paced requests answered 429', value: pacing.throttled, unit: 'req', target: '0', pass: pacing.throttled === 0 },
      {
        name: 'detection probes vs the other requests',
        value: Math.round(growth * 1000) / 10,
        unit: '%',
        target: '<= 30 %',
        pass: growth <= 0.3,
        note: `${probes} of ${pacing.requests} requests (auth.implicit-methods, route.validation)`,
      },
      {
        name: 'throttle.coverage vs the other throttle probes',
        value: Math.round(coverageShare * 1000) / 10,
        unit: '%',
        target: '<= 30 %',
        pass: coverageShare <= 0.3,
        note: `time bounds from the plan: ${seconds(coverage.coverage * 1000)} s of ${seconds((coverage.coverage + coverage.others) * 1000)} s`,
      },
    ];
  },
};

export default bench;
