import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { redact } from '../secrets/redact.ts';
import { ENV } from '../../scenarios/lib/plan-types.ts';

/** What a run leaves in the run folder (names relative to it, for report links). */
export const k6Files = (scenario: string) => ({
  plan: `k6-${scenario}-plan.json`,
  summary: `k6-${scenario}-summary.json`,
  raw: `k6-${scenario}.json.gz`,
  dashboard: `k6-${scenario}.html`,
  archive: `k6-${scenario}.tar`,
  credentialsTemplate: `k6-${scenario}-credentials.template.json`,
});

/** System tags kept on samples: no `url` (a query-string credential would land in the raw output). */
const SYSTEM_TAGS = 'status,method,name,scenario,expected_response,error_code,group,check,proto';
const OUTPUT_TAIL = 16 * 1024;

export interface K6RunOptions {
  k6: string;
  script: string;
  scenario: string;
  /** Absolute path of the plan file. */
  planPath: string;
  /** The run folder: summary, raw output and dashboard go here. */
  dir: string;
  /** Secrets for the scenario (credentials), added to k6's environment only. */
  env: Record<string, string>;
  /** How long the scenario should take (s). */
  expectedS: number;
  timeoutMs: number;
}

export interface K6RunResult {
  exitCode: number;
  timedOut: boolean;
  /** Last lines k6 printed (redacted). */
  output: string;
  durationMs: number;
}

/**
 * `k6 run` with the summary export, gzip'd raw JSON output and the web dashboard's HTML export (the
 * dashboard server itself is disabled: port -1, works offline). Bounded: killed after `timeoutMs`.
 */
export function runK6(o: K6RunOptions): Promise<K6RunResult> {
  const files = k6Files(o.scenario);
  const args = [
    'run',
    '--quiet',
    '--no-usage-report',
    '--summary-export',
    join(o.dir, files.summary),
    '--out',
    `json=${join(o.dir, files.raw)}`,
    '--system-tags',
    SYSTEM_TAGS,
    '-e',
    `${ENV.plan}=${o.planPath}`,
    o.script,
  ];
  const env = {
    ...process.env,
    K6_NO_USAGE_REPORT: 'true',
    K6_WEB_DASHBOARD: 'true',
    K6_WEB_DASHBOARD_EXPORT: join(o.dir, files.dashboard),
    K6_WEB_DASHBOARD_PORT: '-1',
    // One snapshot a second, fewer on a long soak: the HTML stays a few hundred kB.
    K6_WEB_DASHBOARD_PERIOD: `${Math.max(1, Math.ceil(o.expectedS / 300))}s`,
    K6_WEB_DASHBOARD_OPEN: 'false',
    ...o.env,
  };
  return spawnBounded(o.k6, args, env, o.timeoutMs);
}

/** `k6 archive`: the scenario and its plan file (opened at init) in one tar; credentials are not embedded. */
export function archiveK6(o: Omit<K6RunOptions, 'env' | 'timeoutMs' | 'expectedS'>): Promise<K6RunResult & { path: string }> {
  const path = join(o.dir, k6Files(o.scenario).archive);
  // No system environment in the archive (k6's default for archives, made explicit), only the plan's path.
  const args = ['archive', '--quiet', '--include-system-env-vars=false', '--system-tags', SYSTEM_TAGS, '-O', path, '-e', `${ENV.plan}=${o.planPath}`, o.script];
  return spawnBounded(o.k6, args, { ...process.env, K6_NO_USAGE_REPORT: 'true' }, 120_000).then((r) => ({ ...r, path }));
}

function spawnBounded(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<K6RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer): void => {
      output = (output + d.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exitCode: -1, timedOut, output: redact(`${output}\n${e.message}`), durationMs: performance.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, timedOut, output: redact(output), durationMs: performance.now() - started });
    });
  });
}
