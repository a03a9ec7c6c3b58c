import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedK6Path, PROJECT_ROOT, pinnedK6Version } from './k6-binary.ts';

const MODULE = 'go.k6.io/k6/v2';
const BUILD_TIMEOUT_MS = 30 * 60_000;

/**
 * Builds the pinned k6 into .cache/k6/<version>/k6 with Go. First `go install <module>@<version>` (GOBIN set
 * to the cache folder); when the module proxy refuses that (it checks the module's version list for
 * deprecations, which some proxies 404), a throw-away module that requires k6 at the pinned version and
 * `go build`s it. Returns the binary's path; throws with the Go output when both fail.
 */
export async function buildK6(
  go: string,
  log: (line: string) => void,
  root = PROJECT_ROOT,
  version = pinnedK6Version(root),
  environment: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const target = cachedK6Path(root, version, environment);
  mkdirSync(dirname(target), { recursive: true });
  const env = { ...environment, GOFLAGS: '-mod=mod -buildvcs=false', CGO_ENABLED: environment.CGO_ENABLED ?? '0' };
  log(`building k6 ${version} with Go into ${target} (a few minutes, once)`);
  const install = await run(go, ['install', `${MODULE}@${version}`], { ...env, GOBIN: dirname(target) }, root);
  if (install.code === 0 && existsSync(target)) return target;
  log(`go install failed (${lastLine(install.output)}); building from a temporary module`);
  const dir = mkdtempSync(join(tmpdir(), 'gateproof-k6build-'));
  try {
    writeFileSync(join(dir, 'go.mod'), `module gateproof.local/k6build\n\ngo 1.26\n\nrequire ${MODULE} ${version}\n`);
    writeFileSync(join(dir, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${MODULE}"\n`);
    const build = await run(go, ['build', '-o', target, MODULE], env, dir);
    if (build.code !== 0 || !existsSync(target)) throw new Error(`go build ${MODULE}@${version} failed:\n${build.output.slice(-4000)}`);
    chmodSync(target, 0o755);
    return target;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer): void => {
      output = (output + d.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, output: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
