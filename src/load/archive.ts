import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import { archiveK6, k6Files } from './k6-run.ts';
import { buildLoadPlan } from './plan-file.ts';
import { assertLoadAllowed } from './guards.ts';
import { tail } from './k6-outcome.ts';
import { scenarioScript, writePlanFile, type LoadPartInput } from './run-load.ts';

export interface LoadArchive {
  /** The `k6 archive` tar: scenario, its lib/ and the plan file (no credential). */
  archive: string;
  plan: string;
  /** The credential variables' shape with placeholders only (what the Kubernetes Secret must hold). */
  template: string;
  envNames: string[];
}

/**
 * `k6 archive` of a scenario with its plan for k6-operator or Grafana Cloud k6 (`gateproof load --archive`).
 * k6 archives store the `-e` variables, never the process environment, and the credentials are not passed
 * to it at all: runners get them from their own environment (GATEPROOF_K6_CREDENTIALS).
 */
export async function archiveLoad(input: LoadPartInput): Promise<LoadArchive> {
  assertLoadAllowed(input.config, input.stage, input.allowProtected);
  const built = await buildLoadPlan(input);
  const planPath = writePlanFile(input.dir, input.scenario, built);
  const result = await archiveK6({ k6: input.k6, script: scenarioScript(input.scenario), scenario: input.scenario, planPath, dir: input.dir });
  if (result.exitCode !== 0) {
    throw new GateproofError('TOOL_FAILED', `k6 archive failed (exit ${result.exitCode}): ${tail(result.output)}`, {
      hint: 'run with --debug, or run `k6 archive` on the scenario by hand',
    });
  }
  const template = resolve(input.dir, k6Files(input.scenario).credentialsTemplate);
  writeFileSync(template, `${JSON.stringify(credentialsTemplate(built.env), null, 2)}\n`);
  return { archive: result.path, plan: planPath, template, envNames: Object.keys(built.env) };
}

/**
 * The shape of the credential variables with every value replaced by a placeholder naming the header (and
 * so where to get it): what a Kubernetes Secret for the archive must hold, without holding anything secret.
 */
export function credentialsTemplate(env: Record<string, string>): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const [name, json] of Object.entries(env)) {
    const perOp = JSON.parse(json) as Record<string, Record<string, string>>;
    out[name] = Object.fromEntries(
      Object.entries(perOp).map(([op, values]) => [
        op,
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, /^(Bearer|Basic)\s/i.test(v) ? `${v.split(/\s/)[0]} <${k}>` : `<${k}>`])),
      ]),
    );
  }
  return out;
}
