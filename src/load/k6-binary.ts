import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { PACKAGE } from '../domain/package.ts';

export interface K6Location {
  path: string;
  /** Where it was found: K6_BINARY, PATH, or gateproof's user-level cache (<cache>/k6/<version>/k6). */
  source: 'K6_BINARY' | 'PATH' | 'cache' | 'built';
}

/**
 * gateproof's user-level cache, shared by every project on the machine and untouched by `npm ci`:
 * GATEPROOF_CACHE_DIR (e.g. a CI cache folder), else $XDG_CACHE_HOME/gateproof, else the platform's cache
 * folder (~/.cache/gateproof, ~/Library/Caches/gateproof, %LOCALAPPDATA%\gateproof).
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.GATEPROOF_CACHE_DIR) return resolve(env.GATEPROOF_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'gateproof');
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'gateproof');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'gateproof');
  return join(home, '.cache', 'gateproof');
}

/** Where `gateproof setup` puts the pinned k6: <cache>/k6/<version>/k6. */
export const cachedK6Path = (version = PACKAGE.k6Version, env: NodeJS.ProcessEnv = process.env): string => join(userCacheDir(env), 'k6', version, 'k6');

export const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The first executable `name` on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * k6 in the documented order: K6_BINARY (which must then exist), a k6 on PATH, then the cached build.
 * Undefined when there is none; a K6_BINARY that is not executable is reported as `badK6Binary`.
 */
export function findK6(env: NodeJS.ProcessEnv = process.env, version = PACKAGE.k6Version): K6Location | { badK6Binary: string } | undefined {
  if (env.K6_BINARY) {
    const path = resolve(env.K6_BINARY);
    return isExecutable(path) ? { path, source: 'K6_BINARY' } : { badK6Binary: path };
  }
  const fromPath = onPath('k6', env);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const cached = cachedK6Path(version, env);
  if (existsSync(cached) && isExecutable(cached)) return { path: cached, source: 'cache' };
  return undefined;
}
