import { loadConfig, type GateproofConfig } from '../config/load.ts';
import type { Check } from '../domain/check.ts';
import { GateproofError } from '../domain/errors.ts';
import type { GateWarning } from '../domain/result.ts';
import { plan } from '../plan/plan.ts';
import { byPriority } from '../plan/budget.ts';
import { tokenSamplesOf } from '../plan/sample.ts';
import { parseOnly } from '../plan/select.ts';
import { resolveProfile } from '../profiles/resolve.ts';
import type { Profile } from '../profiles/profile.ts';
import { loadSpec } from '../openapi/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { customCheckFiles } from './custom-checks.ts';
import { readPlanFile, writePlanFile, type PlanFile } from './run-files.ts';
import type { SuiteSettings } from './settings.ts';

export interface GateContext {
  config: GateproofConfig;
  model: GatewayModel;
  profile: Profile;
}

/** Config (with the suite's base-URL overrides), spec and profile. */
export async function loadGateContext(
  settings: Pick<SuiteSettings, 'configPath' | 'spec' | 'envFiles' | 'baseURLs'>,
  options: { lenientEnv?: boolean } = {},
): Promise<GateContext> {
  const loaded = await loadConfig(settings.configPath, { spec: settings.spec, envFiles: settings.envFiles, lenientEnv: options.lenientEnv });
  const config = withBaseURLs(loaded, settings.baseURLs);
  const model = await loadSpec(config.specLocation);
  return { config, model, profile: resolveProfile(config, model) };
}

/** The config with some stages pointed elsewhere (unknown stage names are ignored). */
export function withBaseURLs(config: GateproofConfig, baseURLs: Record<string, string>): GateproofConfig {
  const stages = Object.fromEntries(
    Object.entries(config.stages).map(([name, stage]) => [name, baseURLs[name] ? { ...stage, baseURL: baseURLs[name] } : stage]),
  );
  return { ...config, stages };
}

/**
 * A spec without operations leaves nothing to gate (an OAS 3.1 document with only webhooks or components):
 * a spec error (exit 2) rather than a green run that checked nothing.
 */
export function assertOperations(model: Pick<GatewayModel, 'operations' | 'source' | 'warnings'>): void {
  if (model.operations.length > 0) return;
  const why = model.warnings.map((w) => w.message).join('; ');
  throw new GateproofError('SPEC_INVALID', `the spec declares no operations under \`paths\`: nothing to gate${why ? ` (${why})` : ''}`, {
    where: model.source,
    hint: 'point `spec` (or --spec) at the document that describes the routes your gateway serves',
  });
}

/**
 * The checks the gate suite runs: the plan's auth, route, stage and throttle checks; in priority order
 * under a --budget (what it leaves out goes last).
 */
export function gateChecks(model: GatewayModel, config: GateproofConfig, settings: Pick<SuiteSettings, 'stages' | 'only' | 'exhaustive' | 'budget'>): Check[] {
  const only = parseOnly(settings.only);
  const checks = plan(model, config, { stages: settings.stages, only, exhaustive: settings.exhaustive }).filter(
    (c) => c.family !== 'contract' && c.family !== 'load',
  );
  return settings.budget ? byPriority(checks) : checks;
}

/** The spec's warnings as report warnings (source `spec`). */
const specWarnings = (model: Pick<GatewayModel, 'warnings'>): GateWarning[] => model.warnings.map((w) => ({ source: 'spec', ...w }));

/** The stages a run covers, the origins it talks to, the team's check files, the spec's warnings and the routes its token checks were sampled on. */
export function planFileFor(context: Pick<GateContext, 'config' | 'model'>, checks: Check[], settings: Pick<SuiteSettings, 'stages' | 'exhaustive'>): PlanFile {
  const { config, model } = context;
  const stages = settings.stages.length > 0 ? settings.stages : Object.keys(config.stages);
  const origins = stages
    .map((s) => config.stages[s]!.baseURL)
    .map((u) => {
      try {
        return new URL(u).origin;
      } catch {
        return u;
      }
    });
  return {
    checks,
    target: [...new Set(origins)].join(', '),
    stages,
    customChecks: customCheckFiles(config),
    warnings: specWarnings(model),
    sampling: tokenSamplesOf(checks, model, config, settings.exhaustive),
  };
}

/** The run's plan file; planned here (and written) when the run was not started by `gateproof smoke`. */
export async function ensurePlanFile(settings: SuiteSettings): Promise<PlanFile> {
  const existing = readPlanFile(settings.runDir);
  if (existing) return existing;
  const context = await loadGateContext(settings, { lenientEnv: true });
  const planFile = planFileFor(context, gateChecks(context.model, context.config, settings), settings);
  writePlanFile(settings.runDir, planFile);
  return planFile;
}
