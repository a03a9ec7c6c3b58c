import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GateproofConfig } from '../config/load.ts';
import { GateproofError } from '../errors.ts';
import { send, splitBaseURL, TransportError } from '../http/client.ts';
import type { Profile } from '../profiles/profile.ts';
import type { RunPart } from '../report/types.ts';
import { writePart } from '../report/run-dir.ts';
import type { GatewayModel } from '../spec/model.ts';
import type { Latency, ScenarioName } from '../../scenarios/lib/plan-types.ts';
import { formatSeconds } from './duration.ts';
import { foldThresholds } from './fold.ts';
import { PROJECT_ROOT } from './k6-binary.ts';
import { archiveK6, k6Files, runK6 } from './k6-run.ts';
import { percentilesFromRaw } from './percentiles.ts';
import { buildLoadPlan } from './plan-file.ts';
import { thresholdsOf, type K6Summary } from './summary.ts';

export const SCENARIOS: readonly ScenarioName[] = ['throttle', 'slo', 'soak'];

export interface LoadPartInput {
  config: GateproofConfig;
  model: GatewayModel;
  profile: Profile;
  stage: string;
  scenario: ScenarioName;
  /** --duration (s). */
  durationS?: number;
  /** The run folder (reports/<run-id>). */
  dir: string;
  k6: string;
  allowProtected?: boolean;
  log?: (line: string) => void;
}

export const scenarioScript = (scenario: ScenarioName): string => join(PROJECT_ROOT, 'scenarios', `${scenario}.ts`);

/** Refuses protected stages unless allowed (exit 2), as every load path must. */
export function assertLoadAllowed(config: GateproofConfig, stage: string, allowProtected = false): void {
  if (config.stages[stage]?.protected && !allowProtected) {
    throw new GateproofError('PROTECTED_STAGE', `stage "${stage}" is marked protected: load and throttle runs are refused`, {
      where: config.configPath,
      hint: 'pass --allow-protected if you really mean to load this stage, or pick another with --stage',
    });
  }
}

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
  const planPath = resolve(dir, files.plan);
  writeFileSync(planPath, `${JSON.stringify(built.plan, null, 1)}\n`);
  await assertReachable(built.plan.baseURL);
  for (const note of built.notes) log(`load: ${note}`);
  log(`load: k6 ${scenario} on ${stage} (${built.plan.baseURL}): about ${formatSeconds(built.totalS)}, at most ${built.requests} requests`);
  const result = await runK6({ k6: input.k6, script: scenarioScript(scenario), scenario, planPath, dir, env: built.env, timeoutMs: (built.totalS + 90) * 1000 });
  const errors: string[] = [];
  const summaryPath = join(dir, files.summary);
  let thresholds: ReturnType<typeof thresholdsOf> = [];
  if (existsSync(summaryPath)) thresholds = thresholdsOf(JSON.parse(readFileSync(summaryPath, 'utf8')) as K6Summary);
  if (result.timedOut) errors.push(`k6 ${scenario} did not finish within ${formatSeconds(built.totalS + 90)} and was stopped`);
  else if (result.exitCode !== 0 && result.exitCode !== 99) errors.push(`k6 ${scenario} failed (exit ${result.exitCode}): ${tail(result.output)}`);
  else if (!existsSync(summaryPath)) errors.push(`k6 ${scenario} wrote no summary (${files.summary})`);
  if (result.exitCode === 99 && thresholds.every((t) => t.ok)) errors.push(`k6 ${scenario} reported crossed thresholds (exit 99) but the summary shows none`);
  const slo: Record<string, Latency> = { '*': config.slo.global, ...config.slo.operations };
  const checks = foldThresholds({
    stage,
    scenario,
    thresholds,
    percentiles: await percentilesFromRaw(join(dir, files.raw)),
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
    links: Object.fromEntries([[`k6 ${scenario} dashboard`, files.dashboard], [`k6 ${scenario} summary`, files.summary]].filter(([, f]) => existsSync(join(dir, f!)))),
  };
  writePart(dir, part);
  const failed = checks.filter((c) => c.status === 'failed').length;
  log(`load: k6 ${scenario} finished in ${formatSeconds(result.durationMs / 1000)}: ${checks.length - failed} of ${checks.length} thresholds held${errors.length ? `; ${errors.join('; ')}` : ''}`);
  return part;
}

/** `k6 archive` of a scenario with its plan (no credentials in it) for k6-operator or Grafana Cloud k6. */
export async function archiveLoad(input: LoadPartInput): Promise<{ archive: string; plan: string; template: string; envNames: string[] }> {
  assertLoadAllowed(input.config, input.stage, input.allowProtected);
  const built = await buildLoadPlan(input);
  const files = k6Files(input.scenario);
  const planPath = resolve(input.dir, files.plan);
  writeFileSync(planPath, `${JSON.stringify(built.plan, null, 1)}\n`);
  const result = await archiveK6({ k6: input.k6, script: scenarioScript(input.scenario), scenario: input.scenario, planPath, dir: input.dir });
  if (result.exitCode !== 0) throw new GateproofError('TOOL_FAILED', `k6 archive failed (exit ${result.exitCode}): ${tail(result.output)}`, { hint: 'run with --debug, or run `k6 archive` on the scenario by hand' });
  const template = resolve(input.dir, files.credentialsTemplate);
  writeFileSync(template, `${JSON.stringify(credentialsTemplate(built.env), null, 2)}\n`);
  return { archive: result.path, plan: planPath, template, envNames: Object.keys(built.env) };
}

/** The target must answer at all before k6 floods it with failures (exit 3 otherwise). */
async function assertReachable(baseURL: string): Promise<void> {
  const { origin, prefix } = splitBaseURL(baseURL);
  try {
    await send({ method: 'GET', origin, path: `${prefix}/`, timeoutMs: 10_000 });
  } catch (e) {
    if (e instanceof TransportError) {
      throw new GateproofError('TARGET_UNREACHABLE', `${baseURL} cannot be reached: ${e.code} ${e.message}`, { hint: 'check the stage baseURL in the config (or its env variable) and that the gateway is up' });
    }
    throw e;
  }
}

/**
 * The shape of the credential variables with every value replaced by a placeholder naming the header (and
 * so where to get it): what a Kubernetes Secret for the archive must hold, without holding anything secret.
 */
export function credentialsTemplate(env: Record<string, string>): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [name, json] of Object.entries(env)) {
    const perOp = JSON.parse(json) as Record<string, Record<string, string>>;
    out[name] = Object.fromEntries(Object.entries(perOp).map(([op, values]) => [op, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, /^Bearer\s/i.test(v) ? 'Bearer <token>' : `<${k}>`]))]));
  }
  return out;
}

const tail = (output: string): string => output.trim().split('\n').slice(-6).join(' | ').slice(-800);
