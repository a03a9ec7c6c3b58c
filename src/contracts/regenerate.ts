import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import { redact } from '../secrets/redact.ts';

/**
 * Regenerates pacts by running the consumer tests (`contracts/vitest.config.ts`, the same as
 * `npm run contracts:consumers`) with GATEPROOF_PACT_DIR pointing at the pact folder. The tests clear the folder
 * first. vitest is resolved from the project in `cwd`, else from gateproof's own dependencies.
 */
export async function regeneratePacts(options: { vitestConfig: string; pactDir: string; cwd?: string; onLine?: (line: string) => void }): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const config = resolve(cwd, options.vitestConfig);
  if (!existsSync(config)) {
    throw new GateproofError('USAGE', `no consumer-test config at ${config}`, {
      hint: "create contracts/vitest.config.ts (see gateproof's contracts/README.md) or generate the pacts with your own consumer tests",
    });
  }
  const vitest = findVitest(cwd);
  const output: string[] = [];
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, [vitest, 'run', '--config', config], {
      cwd: dirname(config),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...cleanEnv(process.env), GATEPROOF_PACT_DIR: resolve(cwd, options.pactDir), PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0', CI: 'true' },
    });
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        const clean = redact(line);
        output.push(clean);
        options.onLine?.(clean);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('close', (c) => done(c ?? 1));
  });
  if (code !== 0) {
    throw new GateproofError('TOOL_FAILED', `the consumer tests failed (vitest exit ${code}); no pacts were regenerated:\n${output.slice(-15).join('\n')}`, {
      where: config,
      hint: 'fix the consumer tests (run `npm run contracts:consumers` to see them) before verifying',
    });
  }
}

function findVitest(cwd: string): string {
  for (const base of [join(cwd, 'package.json'), import.meta.url]) {
    try {
      const pkg = createRequire(base).resolve('vitest/package.json');
      return join(dirname(pkg), 'vitest.mjs');
    } catch {
      // try the next place
    }
  }
  throw new GateproofError('TOOL_MISSING', 'vitest is not installed, so the consumer tests cannot run', { hint: 'npm install --save-dev vitest' });
}

/** Not a vitest worker's environment: a nested run must start fresh. */
const cleanEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TINYPOOL_WORKER_ID' && k !== 'NODE_ENV'));
