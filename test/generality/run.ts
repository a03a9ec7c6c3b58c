import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '../../src/throttle-probe/stats.ts';
import { ROOT } from '../helpers/cli.ts';
import { cpuHogs } from '../helpers/cpu-hogs.ts';

/**
 * `npm run generality -- [--runs 30] [--gateway nginx,haproxy] [--busy 2]`: the clean configuration of each
 * generality gateway (NGINX, HAProxy from Debian) gated run after run: each run is that gateway's clean test
 * alone (its own vitest process: gateway start, the whole smoke gate, the assertions), optionally while
 * `--busy` processes busy-loop on the cores (as `npm run stability` does). Prints every run and, per
 * gateway, the passes and the median/max duration of the test and of the whole run; exits 1 unless every
 * run passed. Heavy: run it under `flock /tmp/gp-heavy.lock`.
 */
const CLEAN_TESTS: Record<string, { file: string; title: string }> = {
  nginx: { file: 'test/generality/nginx.test.ts', title: 'a clean NGINX configuration passes every check' },
  haproxy: { file: 'test/generality/haproxy.test.ts', title: 'a clean HAProxy configuration passes every check' },
};
const RUN_TIMEOUT_MS = 300_000;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '30' }, gateway: { type: 'string', default: 'nginx,haproxy' }, busy: { type: 'string', default: '0' } },
});
const runs = Number(values.runs);
const gateways = values.gateway.split(',');
const unknown = gateways.filter((g) => !CLEAN_TESTS[g]);
if (!Number.isInteger(runs) || runs < 1 || unknown.length > 0) {
  console.error(
    `usage: npm run generality -- [--runs N] [--gateway ${Object.keys(CLEAN_TESTS).join(',')}] [--busy N]${unknown.length ? ` (unknown gateway: ${unknown.join(', ')})` : ''}`,
  );
  process.exit(2);
}

interface RunResult {
  passed: boolean;
  /** The clean test's own duration (vitest), when it ran. */
  testSeconds?: number;
  wallSeconds: number;
  why?: string;
}

interface VitestJson {
  testResults: { assertionResults: { title: string; status: string; duration?: number; failureMessages: string[] }[]; message?: string }[];
}

async function runOnce(gateway: string): Promise<RunResult> {
  const { file, title } = CLEAN_TESTS[gateway]!;
  const dir = mkdtempSync(join(tmpdir(), 'gp-generality-'));
  const output = join(dir, 'vitest.json');
  const started = performance.now();
  try {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', file, '-t', title, '--reporter=json', `--outputFile=${output}`], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
      child.on('close', (c) => (clearTimeout(timer), resolve(c ?? -1)));
    });
    const wallSeconds = (performance.now() - started) / 1000;
    let report: VitestJson;
    try {
      report = JSON.parse(readFileSync(output, 'utf8')) as VitestJson;
    } catch {
      return { passed: false, wallSeconds, why: `vitest exited ${code} without a report` };
    }
    const test = report.testResults.flatMap((r) => r.assertionResults).find((a) => a.title === title);
    if (!test) return { passed: false, wallSeconds, why: `no test titled "${title}" ran (${report.testResults[0]?.message ?? `exit ${code}`})` };
    const testSeconds = (test.duration ?? 0) / 1000;
    return test.status === 'passed'
      ? { passed: true, testSeconds, wallSeconds }
      : { passed: false, testSeconds, wallSeconds, why: test.failureMessages[0]?.split('\n')[0] ?? test.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (seconds: number | undefined): string => (seconds === undefined ? 'n/a' : `${seconds.toFixed(1)} s`);
const spread = (xs: number[]): string => `median ${fmt(median(xs))}, max ${fmt(xs.length ? Math.max(...xs) : undefined)}`;

const hogs = cpuHogs(Number(values.busy));
const summary: string[] = [];
let allPassed = true;
try {
  for (const gateway of gateways) {
    const results: RunResult[] = [];
    for (let i = 1; i <= runs; i++) {
      const r = await runOnce(gateway);
      results.push(r);
      console.log(
        `${gateway} run ${String(i).padStart(2)}/${runs}: ${r.passed ? 'pass' : 'FAIL'} test ${fmt(r.testSeconds)}, run ${fmt(r.wallSeconds)}${r.why ? ` — ${r.why}` : ''}`,
      );
    }
    allPassed &&= results.every((r) => r.passed);
    const tests = results.flatMap((r) => (r.testSeconds === undefined ? [] : [r.testSeconds]));
    summary.push(
      `${gateway}${hogs.length ? ` (${hogs.length} busy loops)` : ''}: ${results.filter((r) => r.passed).length}/${runs} passes; test ${spread(tests)}; run ${spread(results.map((r) => r.wallSeconds))}`,
    );
  }
} finally {
  for (const hog of hogs) hog.kill('SIGKILL');
}
console.log(`\n${summary.join('\n')}`);
process.exitCode = allPassed ? 0 : 1;
