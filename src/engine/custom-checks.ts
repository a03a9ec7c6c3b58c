import { dirname } from 'node:path';
import { globSync } from 'tinyglobby';
import type { GateproofConfig } from '../config/load.ts';
import { DEFAULT_CUSTOM_CHECKS } from '../config/schema.ts';
import { GateproofError } from '../domain/errors.ts';

/**
 * The team's own check files: the config's `customChecks` globs (default checks/**\/*.spec.ts), relative to the
 * config file, as sorted absolute paths; node_modules is never searched. A glob the config names that matches
 * no file is a usage error: a typo must not drop a team's checks without a word.
 */
export function customCheckFiles(config: Pick<GateproofConfig, 'configPath' | 'customChecks'>): string[] {
  const cwd = dirname(config.configPath);
  const globs = config.customChecks ?? [...DEFAULT_CUSTOM_CHECKS];
  const files = new Set<string>();
  for (const glob of globs) {
    const found = globSync(glob, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
    if (found.length === 0 && config.customChecks !== undefined) {
      throw new GateproofError('CONFIG_INVALID', `customChecks: "${glob}" matches no file (globs are relative to the config's folder, ${cwd})`, {
        where: config.configPath,
        hint: 'fix the glob, or remove it (the default is checks/**/*.spec.ts)',
      });
    }
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}
