import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { GateproofError } from '../domain/errors.ts';
import { settingsToEnv, type SuiteSettings } from './settings.ts';

const require = createRequire(import.meta.url);
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITE_CONFIG = fileURLToPath(new URL('../../suites/playwright.config.ts', import.meta.url));

function playwrightCli(): string {
  try {
    return require.resolve('@playwright/test/cli');
  } catch (e) {
    throw new GateproofError('TOOL_MISSING', 'Playwright Test (@playwright/test) is not installed', {
      hint: 'run `npm install` in the gateproof folder',
      cause: e,
    });
  }
}

/**
 * Runs the gate suite in a Playwright child process (settings passed as GATEPROOF_*
 * variables, the engine's address in `extraEnv`) and returns its exit code; its output is handed over line by line. Aborting the signal
 * interrupts Playwright (it still reports what finished).
 */
export function runPlaywright(
  settings: SuiteSettings,
  extraEnv: Record<string, string>,
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  const cli = playwrightCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'test', '-c', SUITE_CONFIG], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...settingsToEnv(settings), ...extraEnv, PW_TEST_HTML_REPORT_OPEN: 'never', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const abort = (): void => void child.kill('SIGINT');
    signal?.addEventListener('abort', abort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString('utf8')).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onLine(line);
      });
      stream.on('end', () => pending.trim() && onLine(pending));
    }
    child.on('error', (e) =>
      reject(
        new GateproofError('TOOL_FAILED', `cannot start Playwright: ${e.message}`, { hint: 'check that node and @playwright/test are installed', cause: e }),
      ),
    );
    child.on('close', (code, sig) => {
      signal?.removeEventListener('abort', abort);
      resolve(code ?? (sig ? 130 : 1));
    });
  });
}
