import { z } from 'zod';

/** A reference to an environment variable, resolved (and registered as a secret) when the config loads. */
export interface EnvRef {
  $env: string;
  default?: string;
}

/**
 * `env('DEV_API_KEY')` in gateproof.config.ts: the value comes from the environment or .env, never from the
 * config file itself. A missing variable is a config error naming the variable, unless a default is given.
 */
export const env = (name: string, fallback?: string): EnvRef => (fallback === undefined ? { $env: name } : { $env: name, default: fallback });

const envRefSchema = z.object({ $env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), default: z.string().optional() }).strict();

/** A plain string or an env() reference. Secrets should always be env() references. */
export const stringOrEnv = z.union([z.string(), envRefSchema]);

export const isEnvRef = (v: unknown): v is EnvRef => typeof v === 'object' && v !== null && typeof (v as EnvRef).$env === 'string';
