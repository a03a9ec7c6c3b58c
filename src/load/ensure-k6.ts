import { GateproofError } from '../domain/errors.ts';
import { buildK6 } from './k6-build.ts';
import { cachedK6Path, findK6, isExecutable, onPath, pinnedK6Version, PROJECT_ROOT, type K6Location } from './k6-binary.ts';

export interface EnsureK6Options {
  env?: NodeJS.ProcessEnv;
  root?: string;
  /** Build it with Go when it is missing (default true). */
  build?: boolean;
  log?: (line: string) => void;
}

/** How to get k6, for the "missing" error. */
export const installHint = (version: string): string =>
  `install k6 ${version} (https://grafana.com/docs/k6/latest/set-up/install-k6/) and put it on PATH or set K6_BINARY=/path/to/k6; ` +
  `or install Go (https://go.dev/dl/) and run \`npm run setup\` to build it into .cache/k6/${version}/k6`;

/**
 * A usable k6: K6_BINARY, PATH, the project-local build, else a fresh build when Go is present. No k6 and no
 * Go -> GateproofError TOOL_MISSING (exit 3) saying how to install k6.
 */
export async function ensureK6(options: EnsureK6Options = {}): Promise<K6Location> {
  const env = options.env ?? process.env;
  const root = options.root ?? PROJECT_ROOT;
  const version = pinnedK6Version(root);
  const found = findK6(env, root);
  if (found && 'badK6Binary' in found) {
    throw new GateproofError('TOOL_MISSING', `K6_BINARY points to ${found.badK6Binary}, which is not an executable file`, {
      where: 'K6_BINARY',
      hint: `fix or unset K6_BINARY; ${installHint(version)}`,
    });
  }
  if (found) return found;
  const go = options.build === false ? undefined : (onPath('go', env) ?? (env.GOROOT ? `${env.GOROOT}/bin/go` : undefined));
  if (!go || !isExecutable(go)) {
    throw new GateproofError(
      'TOOL_MISSING',
      `k6 is not installed: no K6_BINARY, no k6 on PATH, no ${cachedK6Path(root, version, env)}${options.build === false ? '' : ', and no Go to build it'}`,
      { hint: installHint(version) },
    );
  }
  try {
    return { path: await buildK6(go, options.log ?? (() => undefined), root, version, env), source: 'built' };
  } catch (e) {
    throw new GateproofError('TOOL_MISSING', `k6 ${version} could not be built with Go: ${(e as Error).message.split('\n')[0]}`, {
      hint: installHint(version),
      cause: e,
    });
  }
}
