import { GateproofError } from '../domain/errors.ts';
import { registerSecret } from '../secrets/redact.ts';
import { isEnvRef, type EnvRef } from './env.ts';

/** The config type after every env() reference has been replaced by its value. */
export type Resolved<T> = T extends EnvRef
  ? string
  : T extends string
    ? T
    : T extends (infer U)[]
      ? Resolved<U>[]
      : T extends object
        ? { [K in keyof T]: Resolved<T[K]> }
        : T;

/**
 * Replaces env() references with values from `environment`; values under `credentials` are registered as
 * secrets so they can never reach a report or log. `lenient` (plan only: it sends no request) leaves a
 * placeholder for a missing variable instead of failing. A missing variable names the variable, the field and the fix.
 */
export function resolveEnvRefs<T>(value: T, environment: NodeJS.ProcessEnv, configPath: string, lenient = false, path: string[] = []): Resolved<T> {
  if (isEnvRef(value)) {
    const found = environment[value.$env] || value.default;
    if ((found === undefined || found === '') && lenient) return `<unset:${value.$env}>` as Resolved<T>;
    if (found === undefined || found === '') {
      throw new GateproofError('CONFIG_ENV_MISSING', `environment variable ${value.$env} is not set (needed by ${path.join('.')})`, {
        where: configPath,
        hint: `set ${value.$env} in the environment or in a .env file next to the config (see .env.example)`,
      });
    }
    if (path.includes('credentials')) registerSecret(found);
    return found as Resolved<T>;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, environment, configPath, lenient, [...path, String(i)])) as Resolved<T>;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnvRefs(v, environment, configPath, lenient, [...path, k])])) as Resolved<T>;
  }
  return value as Resolved<T>;
}
