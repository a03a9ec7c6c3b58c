import { loadConfig, type GateproofConfig } from '../config/load.ts';
import type { Check } from '../domain/check.ts';
import { plan } from '../plan/plan.ts';
import { parseOnly } from '../plan/select.ts';
import { resolveProfile } from '../profiles/resolve.ts';
import type { Profile } from '../profiles/profile.ts';
import { loadSpec } from '../openapi/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
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

/** The checks the gate suite runs: the plan's auth, route, stage and throttle checks. */
export function gateChecks(model: GatewayModel, config: GateproofConfig, settings: Pick<SuiteSettings, 'stages' | 'only'>): Check[] {
  const only = parseOnly(settings.only);
  return plan(model, config, { stages: settings.stages, only }).filter((c) => c.family !== 'contract' && c.family !== 'load');
}

/** The stages a run covers and the origins it talks to. */
export function planFileFor(config: GateproofConfig, checks: Check[], selected: string[]): PlanFile {
  const stages = selected.length > 0 ? selected : Object.keys(config.stages);
  const origins = stages
    .map((s) => config.stages[s]!.baseURL)
    .map((u) => {
      try {
        return new URL(u).origin;
      } catch {
        return u;
      }
    });
  return { checks, target: [...new Set(origins)].join(', '), stages };
}

/** The run's plan file; planned here (and written) when the run was not started by `gateproof smoke`. */
export async function ensurePlanFile(settings: SuiteSettings): Promise<PlanFile> {
  const existing = readPlanFile(settings.runDir);
  if (existing) return existing;
  const { config, model } = await loadGateContext(settings, { lenientEnv: true });
  const planFile = planFileFor(config, gateChecks(model, config, settings), settings.stages);
  writePlanFile(settings.runDir, planFile);
  return planFile;
}
