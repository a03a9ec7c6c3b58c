import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { buildLoadPlan } from '../../src/load/plan-file.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import type { GateReport, LoadData } from '../../src/domain/result.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { runCli } from '../helpers/cli.ts';
import { spawnGateway, type GatewayProcess } from '../helpers/gateway-process.ts';
import { filesWithSecrets, k6Path, LOAD_CONFIG, PLANTED } from './helpers.ts';

/** `gateproof load` as a pipeline runs it: a child process against `gateproof emulate` (another process). */
describe('gateproof load', () => {
  let k6: string;
  let gateway: GatewayProcess;
  let reports: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    k6 = await k6Path();
    gateway = await spawnGateway(LOAD_CONFIG, [], PLANTED);
    reports = mkdtempSync(join(tmpdir(), 'gp-load-cli-'));
    env = { ...PLANTED, LOAD_DEV_BASE_URL: gateway.stageURL('dev'), LOAD_PROD_BASE_URL: gateway.stageURL('prod'), GATEPROOF_REPORTS_DIR: reports };
  }, 30 * 60_000);
  afterAll(async () => {
    await gateway?.close();
    if (reports) rmSync(reports, { recursive: true, force: true });
  });
  const load = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(['load', '--config', LOAD_CONFIG, ...args], { env: { ...env, ...extra } });
  const latest = (): { dir: string; report: GateReport } => {
    const dir = realpathSync(join(reports, 'latest'));
    return { dir, report: JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as GateReport };
  };

  it('slo on the clean gateway: latency per operation and overall, error rate and zero 429 hold, exit 0; percentiles beside the SLOs; offline dashboard; no credential in any file of the run', async () => {
    const r = await load(['--scenario', 'slo', '--duration', '4s']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+\d+ passed, 0 failed/);
    const { dir, report } = latest();
    expect(report.verdict).toBe('pass');
    expect(report.checks.every((c) => c.kind === 'load.threshold' && c.stage === 'dev' && c.status === 'passed')).toBe(true);
    const ids = report.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'dev:load.threshold:* slo http_req_duration p(95)<700',
        'dev:load.threshold:* slo http_req_failed rate<0.01',
        'dev:load.threshold:* slo gp_throttled rate==0',
        'dev:load.threshold:GET /pets slo http_req_duration p(99)<1500',
        'dev:load.threshold:POST /orders slo http_req_duration p(95)<800',
      ]),
    );
    // Every operation of the stage gets its own latency thresholds (its SLO, else the global one).
    expect(ids).toContain('dev:load.threshold:GET /admin/stats slo http_req_duration p(95)<700');
    const data = report.checks.find((c) => c.id === 'dev:load.threshold:* slo http_req_duration p(95)<700')!.data as LoadData;
    expect(data.percentiles!.map((p) => p.operation)).toEqual(expect.arrayContaining(['GET /pets', 'POST /orders', '*']));
    expect(data.percentiles!.find((p) => p.operation === 'POST /orders')!.slo).toEqual({ p95: 800 });
    expect(data.percentiles!.find((p) => p.operation === '*')!.p95).toBeGreaterThan(0);
    expect(report.links).toMatchObject({ 'k6 slo dashboard': 'k6-slo.html' });
    for (const f of [
      'k6-slo.html',
      'k6-slo-summary.json',
      'k6-slo.json.gz',
      'k6-slo-plan.json',
      'parts/load-slo.json',
      'junit.xml',
      'index.html',
      'summary.md',
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const html = readFileSync(join(dir, 'k6-slo.html'), 'utf8');
    expect(html.length).toBeGreaterThan(10_000);
    expect(html).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);
    expect(filesWithSecrets(dir)).toEqual([]);
  }, 120_000);

  it('throttle on the clean gateway: every phase of both throttled operations holds, exit 0', async () => {
    // 12 s: for GET /health 2.3 s under, 4.6 s over, 2.3 s recovery (see test/load/k6.e2e.test.ts for the margins).
    const r = await load(['--scenario', 'throttle', '--duration', '12s']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const { dir, report } = latest();
    expect(report.verdict).toBe('pass');
    expect(report.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(new Set(report.checks.map((c) => c.operation))).toEqual(new Set(['GET /health', 'POST /orders']));
    const ids = report.checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of ['GET /health', 'POST /orders']) {
      for (const threshold of [
        'gp_429_under rate==0',
        'gp_429_signature_mismatch rate==0',
        'gp_429_over rate>=',
        'gp_429_over rate<=',
        'gp_429_recovery rate<=',
        'gp_burst_accepted rate>=',
        'gp_burst_accepted rate<1',
        'gp_accepted_duration p(95)<',
      ]) {
        expect(
          ids.some((id) => id.startsWith(`dev:load.threshold:${op} throttle ${threshold}`)),
          `${op} ${threshold}`,
        ).toBe(true);
      }
    }
    // The over phase really throttled, and each 429 was checked against the aws-rest signature.
    expect(report.checks.find((c) => c.id === 'dev:load.threshold:GET /health throttle gp_429_signature_mismatch rate==0')!.actual).toMatch(
      /^rate=0\.0% \(0 of [1-9]\d*\)$/,
    );
    expect(report.links).toMatchObject({ 'k6 throttle dashboard': 'k6-throttle.html' });
    expect(filesWithSecrets(dir)).toEqual([]);
  }, 120_000);

  it('crossed thresholds fail the gate (exit 1) and name the thresholds', async () => {
    const slow = await spawnGateway(LOAD_CONFIG, ['latency:1000'], PLANTED);
    try {
      const r = await load(['--scenario', 'slo', '--duration', '3s'], { LOAD_DEV_BASE_URL: slow.stageURL('dev') });
      expect(r.code, r.stderr + r.stdout).toBe(1);
      expect(r.stdout).toMatch(/FAIL/);
      const { report } = latest();
      expect(report.verdict).toBe('fail');
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(
        expect.arrayContaining(['dev:load.threshold:* slo http_req_duration p(95)<700', 'dev:load.threshold:GET /pets slo http_req_duration p(95)<600']),
      );
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('refuses a protected stage without --allow-protected (exit 2)', async () => {
    const r = await load(['--scenario', 'throttle', '--stage', 'prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stage "prod" is marked protected[\s\S]*--allow-protected/);
  });

  it('rejects an unknown scenario and a bad duration (exit 2)', async () => {
    const r = await load(['--scenario', 'spike']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown scenario "spike"[\s\S]*throttle\|slo\|soak/);
    const d = await load(['--scenario', 'slo', '--duration', 'soon']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/--duration[\s\S]*20s/);
  });

  it('exits 3 saying how to install k6 when K6_BINARY points nowhere', async () => {
    const r = await load(['--scenario', 'slo'], { K6_BINARY: join(reports, 'no-such-k6') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/K6_BINARY[\s\S]*install k6 v2\.2\.0[\s\S]*go\.dev/);
  });

  it('exits 3 saying how to install k6 when there is no k6 anywhere and no Go', async () => {
    const r = await load(['--scenario', 'slo'], {
      K6_BINARY: '',
      PATH: join(reports, 'empty-bin'),
      GOROOT: '',
      GATEPROOF_CACHE_DIR: join(reports, 'empty-cache'),
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/k6 is not installed[\s\S]*no Go[\s\S]*install k6 v2\.2\.0[\s\S]*K6_BINARY/);
  });

  it('exits 3 when the stage cannot be reached', async () => {
    const r = await load(['--scenario', 'slo'], { LOAD_DEV_BASE_URL: 'http://127.0.0.1:9/dev' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot be reached/);
  });

  it('--archive writes a k6 archive that runs on its own (plan embedded) and holds no credential', async () => {
    const r = await load(['--scenario', 'slo', '--archive', '--duration', '2s']);
    expect(r.code, r.stderr).toBe(0);
    const archive = /k6 archive: (\S+)/.exec(r.stdout)![1]!;
    const listing = spawnSync('tar', ['-tf', archive], { encoding: 'utf8' }).stdout;
    expect(listing).toMatch(/k6-slo-plan\.json/);
    expect(listing).toMatch(/scenarios\/lib\/runtime\.ts/);
    const template = /secrets:\s+(\S+)/.exec(r.stdout)![1]!;
    expect(JSON.parse(readFileSync(template, 'utf8')).GATEPROOF_K6_CREDENTIALS['GET /pets']).toEqual({ 'x-api-key': '<x-api-key>' });
    expect(filesWithSecrets(dirname(archive))).toEqual([]);
    // As a k6-operator runner would: only the archive and the credentials in the environment.
    rmSync(join(dirname(archive), 'k6-slo-plan.json'));
    const config = await loadConfig(LOAD_CONFIG, { environment: { ...process.env, ...env } });
    const model = await loadSpec(config.specLocation);
    const built = await buildLoadPlan({ config, model, profile: resolveProfile(config, model), stage: 'dev', scenario: 'slo', durationS: 2 });
    const run = spawnSync(k6, ['run', '--quiet', '--summary-mode=disabled', archive], {
      env: { ...process.env, K6_NO_USAGE_REPORT: 'true', ...built.env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);
});
