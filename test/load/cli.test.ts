import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateReport } from '../../src/report/types.ts';
import { runCli } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';
import { spawnGateway, type GatewayProcess } from '../throttle/ping-api.ts';
import { EXAMPLE_CONFIG, k6Path } from './helpers.ts';

/** `gateproof load` as a pipeline runs it: a child process against `gateproof emulate` (another process). */
describe('gateproof load', () => {
  let gateway: GatewayProcess;
  let reports: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    await k6Path();
    gateway = await spawnGateway(EXAMPLE_CONFIG);
    reports = mkdtempSync(join(tmpdir(), 'gp-load-cli-'));
    env = { ...exampleEnv(), DEV_BASE_URL: gateway.stageURL('dev'), PROD_BASE_URL: gateway.stageURL('prod'), GATEPROOF_REPORTS_DIR: reports };
  }, 30 * 60_000);
  afterAll(async () => {
    await gateway?.close();
    if (reports) rmSync(reports, { recursive: true, force: true });
  });
  const load = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(['load', '--config', EXAMPLE_CONFIG, ...args], { env: { ...env, ...extra } });

  it('runs the slo scenario, folds its thresholds into the report and exits 0', async () => {
    const r = await load(['--scenario', 'slo', '--duration', '3s']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+\d+ passed, 0 failed/);
    const latest = realpathSync(join(reports, 'latest'));
    const report = JSON.parse(readFileSync(join(latest, 'gate.json'), 'utf8')) as GateReport;
    expect(report.verdict).toBe('pass');
    expect(report.checks.every((c) => c.kind === 'load.threshold' && c.stage === 'dev')).toBe(true);
    expect(report.links).toMatchObject({ 'k6 slo dashboard': 'k6-slo.html' });
    for (const f of ['k6-slo.html', 'k6-slo-summary.json', 'k6-slo.json.gz', 'k6-slo-plan.json', 'junit.xml', 'index.html']) expect(existsSync(join(latest, f)), f).toBe(true);
  }, 120_000);

  it('refuses a protected stage without --allow-protected (exit 2)', async () => {
    const r = await load(['--scenario', 'throttle', '--stage', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stage "prod" is marked protected[\s\S]*--allow-protected/);
  });

  it('rejects an unknown scenario (exit 2)', async () => {
    const r = await load(['--scenario', 'spike']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown scenario "spike"[\s\S]*throttle\|slo\|soak/);
  });

  it('exits 3 when k6 cannot be found, saying how to install it', async () => {
    const r = await load(['--scenario', 'slo'], { K6_BINARY: join(reports, 'no-such-k6') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/K6_BINARY[\s\S]*install k6/);
  });

  it('exits 3 when the stage cannot be reached', async () => {
    const r = await load(['--scenario', 'slo'], { DEV_BASE_URL: 'http://127.0.0.1:9/dev' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot be reached/);
  });

  it('--archive writes a k6 archive with the plan and without any credential', async () => {
    const r = await load(['--scenario', 'slo', '--archive', '--duration', '2s']);
    expect(r.code, r.stderr).toBe(0);
    const archive = /k6 archive: (\S+)/.exec(r.stdout)![1]!;
    const files = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(files).toMatch(/k6-slo-plan\.json/);
    expect(files).toMatch(/scenarios\/slo\.ts|data/);
    const content = execFileSync('tar', ['-xOf', archive], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    for (const name of ['DEV_API_KEY', 'DEV_PARTNER_TOKEN', 'DEV_QUOTA_API_KEY']) expect(content).not.toContain(exampleEnv()[name]!);
    expect(content).not.toMatch(/Bearer eyJ/);
    const template = /secrets:\s+(\S+)/.exec(r.stdout)![1]!;
    expect(readFileSync(template, 'utf8')).toMatch(/"x-api-key": "<x-api-key>"/);
  }, 60_000);
});
