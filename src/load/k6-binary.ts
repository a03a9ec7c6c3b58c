import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json pins the k6 version and .cache/k6 holds the local build). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface K6Location {
  path: string;
  /** Where it was found: K6_BINARY, PATH, or the project-local build (.cache/k6/<version>/k6). */
  source: 'K6_BINARY' | 'PATH' | 'cache' | 'built';
}

/** The pinned k6 version (package.json `gateproof.k6Version`, e.g. v2.2.0). */
export function pinnedK6Version(root = PROJECT_ROOT): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { gateproof?: { k6Version?: string } };
  return pkg.gateproof?.k6Version ?? 'v2.2.0';
}

/**
 * Where the project-local build lives: <cache>/k6/<version>/k6, the cache being GATEPROOF_CACHE_DIR (e.g. a
 * CI cache folder) or <project>/.cache.
 */
export const cachedK6Path = (root = PROJECT_ROOT, version = pinnedK6Version(root), env: NodeJS.ProcessEnv = process.env): string =>
  join(env.GATEPROOF_CACHE_DIR ? resolve(env.GATEPROOF_CACHE_DIR) : join(root, '.cache'), 'k6', version, 'k6');

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
 * k6 in the documented order: K6_BINARY (which must then exist), a k6 on PATH, then the project-local
 * build. Undefined when there is none; a K6_BINARY that is not executable is reported as `badK6Binary`.
 */
export function findK6(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT): K6Location | { badK6Binary: string } | undefined {
  if (env.K6_BINARY) {
    const path = resolve(env.K6_BINARY);
    return isExecutable(path) ? { path, source: 'K6_BINARY' } : { badK6Binary: path };
  }
  const fromPath = onPath('k6', env);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const cached = cachedK6Path(root, pinnedK6Version(root), env);
  if (existsSync(cached) && isExecutable(cached)) return { path: cached, source: 'cache' };
  return undefined;
}
