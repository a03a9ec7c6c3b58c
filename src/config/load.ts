import { config as loadDotenv } from 'dotenv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { GateproofError } from '../domain/errors.ts';
import { isUrl } from '../openapi/read.ts';
import { importUserModule } from './import-module.ts';
import { resolveEnvRefs, type Resolved } from './resolve.ts';
import { configSchema, type ParsedConfig } from './schema.ts';

export type GateproofConfig = Resolved<ParsedConfig> & {
  /** Absolute path of the config file. */
  configPath: string;
  /** Absolute spec path, or the URL. */
  specLocation: string;
};
export type StageConfig = GateproofConfig['stages'][string];

export interface LoadConfigOptions {
  /** Overrides the spec named in the config (--spec). */
  spec?: string;
  /** .env files to read, relative to the config's folder; the first that exists wins per variable. */
  envFiles?: string[];
  environment?: NodeJS.ProcessEnv;
  /** Missing env variables become placeholders instead of errors (for commands that send no request). */
  lenientEnv?: boolean;
}

const DEFAULT_CONFIG = 'gateproof.config.ts';

export async function loadConfig(path = DEFAULT_CONFIG, options: LoadConfigOptions = {}): Promise<GateproofConfig> {
  const configPath = resolve(path);
  if (!existsSync(configPath)) {
    throw new GateproofError('CONFIG_NOT_FOUND', 'config file not found', {
      where: configPath,
      hint: 'run `gateproof init --spec <your spec>` to scaffold one, or pass --config <file>',
    });
  }
  const raw = await importConfig(configPath);
  return parseConfig(raw, configPath, options);
}

/** Validates a config object and resolves env() references; exported for programmatic use and tests. */
export function parseConfig(raw: unknown, configPath: string, options: LoadConfigOptions = {}): GateproofConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw configIssue(parsed.error, configPath);
  const environment = options.environment ?? readEnvironment(dirname(configPath), options.envFiles ?? ['.env']);
  const resolved = resolveEnvRefs(parsed.data, environment, configPath, options.lenientEnv);
  const specLocation = options.spec ?? resolved.spec;
  return {
    ...resolved,
    configPath,
    specLocation: isUrl(specLocation) || isAbsolute(specLocation) ? specLocation : resolve(options.spec ? process.cwd() : dirname(configPath), specLocation),
  };
}

async function importConfig(configPath: string): Promise<unknown> {
  if (configPath.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (e) {
      throw new GateproofError('CONFIG_INVALID', `invalid JSON: ${(e as Error).message}`, { where: configPath, hint: 'fix the JSON syntax' });
    }
  }
  try {
    const module = await importUserModule(configPath);
    if (module.default === undefined) {
      throw new GateproofError('CONFIG_INVALID', 'the config has no default export', {
        where: configPath,
        hint: 'end the file with `export default defineConfig({ ... })`',
      });
    }
    return module.default;
  } catch (e) {
    if (e instanceof GateproofError) throw e;
    throw new GateproofError('CONFIG_INVALID', `cannot load the config: ${(e as Error).message.split('\n')[0]}`, {
      where: configPath,
      hint: 'fix the TypeScript/JavaScript error in the config file (rerun with --debug for the stack trace)',
      cause: e,
    });
  }
}

/** process.env wins; then each .env file in order (later files only fill what is still missing). */
function readEnvironment(dir: string, files: string[]): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = {};
  for (const file of files) {
    const full = resolve(dir, file);
    if (!existsSync(full)) continue;
    const { parsed } = loadDotenv({ path: full, processEnv: {}, quiet: true });
    for (const [k, v] of Object.entries(parsed ?? {})) merged[k] ??= v;
  }
  return { ...merged, ...process.env };
}

function configIssue(error: z.ZodError, configPath: string): GateproofError {
  const { issue, context } = closestIssue(error.issues[0]);
  const nested = issue && 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues as { message?: string }[])[0]?.message : undefined;
  const field = issue?.path.length ? issue.path.join('.') : '(root)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new GateproofError(
    'CONFIG_INVALID',
    `${field}: ${issue?.message ?? 'invalid'}${nested ? ` (${nested})` : ''}${context ? ` (${context})` : ''}${more}`,
    {
      where: configPath,
      hint: `fix \`${field}\` in the config; the JSON Schema (gateproof.schema.json) lists every field and type`,
    },
  );
}

/**
 * A value that matches no branch of a union (a limit that is neither a token bucket nor a window) is reported
 * by the first problem of the branch it came closest to, at its full path, with the union's own message.
 */
function closestIssue(issue: z.core.$ZodIssue | undefined): { issue: z.core.$ZodIssue | undefined; context?: string } {
  if (issue?.code !== 'invalid_union' || issue.errors.length === 0) return { issue };
  const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]![0];
  return closest ? { issue: { ...closest, path: [...issue.path, ...closest.path] }, context: issue.message } : { issue };
}
