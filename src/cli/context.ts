import { loadConfig, type GateproofConfig, type LoadConfigOptions } from '../config/load.ts';
import { GateproofError } from '../domain/errors.ts';
import { resolveProfile } from '../profiles/resolve.ts';
import type { Profile } from '../profiles/profile.ts';
import { loadSpec } from '../openapi/load.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { DEFAULT_CONFIG } from './args.ts';

export interface GateContext {
  config: GateproofConfig;
  model: GatewayModel;
  profile: Profile;
}

/** Loads config, spec and profile, and checks that the requested stages exist. */
export async function loadContext(flags: { config?: string; spec?: string; stage?: string[] }, options: LoadConfigOptions = {}): Promise<GateContext> {
  const config = await loadConfig(flags.config ?? DEFAULT_CONFIG, { ...options, spec: flags.spec ?? options.spec });
  assertStages(config, flags.stage);
  const model = await loadSpec(config.specLocation);
  return { config, model, profile: resolveProfile(config, model) };
}

function assertStages(config: GateproofConfig, stages: string[] | undefined): void {
  const known = Object.keys(config.stages);
  for (const stage of stages ?? []) {
    if (!known.includes(stage)) {
      throw new GateproofError('UNKNOWN_STAGE', `unknown stage "${stage}"`, {
        where: config.configPath,
        hint: `use one of: ${known.join(', ')} (or add "${stage}" under \`stages\` in the config)`,
      });
    }
  }
}
