import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunPart } from '../domain/result.ts';
import { writePart } from '../report/run-dir.ts';
import type { Latency, ScenarioName } from '../../scenarios/lib/plan-types.ts';
import { checkId, checkTitle } from '../domain/check.ts';
import { formatSeconds } from './duration.ts';
import { foldThresholds } from './fold.ts';
import { assertLoadAllowed, assertReachable, scrubFiles } from './guards.ts';
import { k6Errors } from './k6-outcome.ts';
import { PROJECT_ROOT } from './k6-binary.ts';
import { k6Files, runK6 } from './k6-run.ts';
import { percentilesFromRaw } from './percentiles.ts';
import { buildLoadPlan, type BuiltLoadPlan, type LoadPlanInput } from './plan-file.ts';
import { thresholdsOf, type K6Summary } from './summary.ts';

export const SCENARIOS: readonly ScenarioName[] = ['throttle', 'slo', 'soak'];

export interface LoadPartInput extends LoadPlanInput {
  /** The run folder (reports/<run-id>). */
  dir: string;
  k6: string;
  allowProtected?: boolean;
  log?: (line: string) => void;
}

export const scenarioScript = (scenario: ScenarioName): string => join(PROJECT_ROOT, 'scenarios', `${scenario}.ts`);

/**
 * Runs one k6 scenario against a stage and writes its results as the run part `load-<scenario>`: every k6
 * threshold becomes a `load.threshold` check (exit 99 = some crossed = the gate fails), with latency
 * percentiles per operation beside the SLOs; k6 failing to run at all is an error of the part. Returns the
 * part (also written to <dir>/parts/).
 */
export async function runLoadPart(input: LoadPartInput): Promise<RunPart> {
  const { config, stage, scenario, dir } = input;
  const log = input.log ?? (() => undefined);
  assertLoadAllowed(config, stage, input.allowProtected);
  const startedAt = new Date();
  mkdirSync(join(dir, 'parts'), { recursive: true });
  const built = await buildLoadPlan(input);
  const files = k6Files(scenario);
  const planPath = writePlanFile(dir, scenario, built);
  for (const note of built.notes) log(`load: ${note}`);
  if ((built.plan.throttle?.targets ?? built.plan.mix?.operations ?? []).length === 0) return nothingToRun(input, built, startedAt);
  await assertReachable(built.plan.baseURL);
  log(`load: k6 ${scenario} on ${stage} (${built.plan.baseURL}): about ${formatSeconds(built.totalS)}, at most ${built.requests} requests`);
  // k6's own bounds (phase durations, gracefulStop, request timeouts) come first; this one is for a k6 that hangs.
  const limitS = built.totalS + 90;
  const result = await runK6({
    k6: input.k6,
    script: scenarioScript(scenario),
    scenario,
    planPath,
    dir,
    env: built.env,
    expectedS: built.totalS,
    timeoutMs: limitS * 1000,
  });
  const summaryPath = join(dir, files.summary);
  const found = existsSync(summaryPath);
  const thresholds = found ? thresholdsOf(JSON.parse(readFileSync(summaryPath, 'utf8')) as K6Summary) : [];
  const errors = k6Errors(scenario, result, { found, thresholds }, limitS);
  scrubFiles(dir, [files.summary, files.dashboard]);
  const slo: Record<string, Latency> = { '*': config.slo.global, ...config.slo.operations };
  const checks = foldThresholds({
    stage,
    scenario,
    thresholds,
    percentiles: await percentilesFromRaw(join(dir, files.raw), built.plan.signatures.throttled.statuses),
    slo,
    source: `k6 run scenarios/${scenario}.ts against ${built.plan.baseURL} (dashboard ${files.dashboard})`,
  });
  const part: RunPart = {
    part: `load-${scenario}`,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    target: built.plan.baseURL,
    stages: [stage],
    checks,
    ...(errors.length ? { errors } : {}),
    links: Object.fromEntries(
      [
        [`k6 ${scenario} dashboard`, files.dashboard],
        [`k6 ${scenario} summary`, files.summary],
      ].filter(([, f]) => existsSync(join(dir, f!))),
    ),
  };
  writePart(dir, part);
  const failed = checks.filter((c) => c.status === 'failed').length;
  log(
    `load: k6 ${scenario} finished in ${formatSeconds(result.durationMs / 1000)}: ${checks.length - failed} of ${checks.length} thresholds held${errors.length ? `; ${errors.join('; ')}` : ''}`,
  );
  return part;
}

/** Writes the plan file into the run folder (it holds no credential: those are in `built.env`); returns its path. */
export function writePlanFile(dir: string, scenario: ScenarioName, built: BuiltLoadPlan): string {
  const path = resolve(dir, k6Files(scenario).plan);
  writeFileSync(path, `${JSON.stringify(built.plan, null, 1)}\n`);
  return path;
}

/** A scenario with nothing to send (no throttled operation, no operation with credentials): one skipped check saying why. */
function nothingToRun(input: LoadPartInput, built: BuiltLoadPlan, startedAt: Date): RunPart {
  const subject = `${input.scenario} (nothing to run)`;
  const why = built.notes.join('; ') || 'no operation to send';
  const part: RunPart = {
    part: `load-${input.scenario}`,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    target: built.plan.baseURL,
    stages: [input.stage],
    checks: [
      {
        id: checkId(input.stage, 'load.threshold', `* ${subject}`),
        kind: 'load.threshold',
        stage: input.stage,
        operation: '*',
        status: 'skipped',
        expected: `k6 ${input.scenario} thresholds`,
        actual: `skipped: ${why}`,
        evidence: [],
        title: checkTitle(input.stage, 'load.threshold', `* ${subject}`),
      },
    ],
  };
  writePart(input.dir, part);
  return part;
}
