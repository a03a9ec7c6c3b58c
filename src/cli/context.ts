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
  assertValidationOperations(config, model);
  return { config, model, profile: resolveProfile(config, model) };
}

/** `validation.operations` must name operations of the spec (a typo would silently leave one unchecked). */
function assertValidationOperations(config: GateproofConfig, model: GatewayModel): void {
  const listed = config.validation?.operations;
  if (!Array.isArray(listed)) return;
  const known = new Set(model.operations.map((o) => o.key));
  const unknown = listed.filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  throw new GateproofError('CONFIG_INVALID', `validation.operations names ${unknown.map((k) => `"${k}"`).join(', ')}, not an operation of the spec`, {
    where: config.configPath,
    hint: `use operations of ${model.source}: ${[...known].join(', ')}`,
  });
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
