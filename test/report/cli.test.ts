import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { SECRETS, syntheticParts, writeSyntheticRun } from './fixture.ts';

/** A user's project folder; the CLI runs in it. */
const project = (): string => mkdtempSync(join(tmpdir(), 'gateproof-report-cli-'));
const quietEnv = { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', CI: '' };

describe('gateproof report', () => {
  it('with no run to rebuild exits 2 with a clear message', async () => {
    const cwd = project();
    const r = await runCli(['report'], { cwd, env: quietEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no run to build a report from');
    expect(r.stderr).toContain('fix: run `gateproof smoke`');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    mkdirSync(join(cwd, 'reports'));
    const unknown = await runCli(['report', '--run', 'nope'], { cwd, env: quietEnv });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('run "nope" has no results');
  });

  it('rebuilds the newest run from its parts, points reports/latest at it and exits 1 for a failing run', async () => {
    const cwd = project();
    const { runId, dir } = writeSyntheticRun(syntheticParts(), '20261121T093000Z-7', join(cwd, 'reports'));
    const r = await runCli(['report'], { cwd, env: quietEnv });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+63 passed, 6 failed, 2 skipped/);
    expect(r.stdout).toContain('✗ [dev] DELETE /pets/{petId} › auth.missing');
    expect(r.stdout).toContain(`reports/${runId}/index.html`);
    for (const f of ['gate.json', 'junit.xml', 'summary.md', 'index.html']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readlinkSync(join(cwd, 'reports', 'latest'))).toBe(runId);

    // again through reports/latest; --open never fails the command when no opener exists
    const noOpener = mkdtempSync(join(tmpdir(), 'gateproof-empty-path-'));
    const again = await runCli(['report', '--open'], { cwd, env: { ...quietEnv, PATH: noOpener } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('could not open a browser');
  });

  it('under GitHub Actions annotates failures and appends the summary', async () => {
    const cwd = project();
    writeSyntheticRun(syntheticParts(), 'run-gh', join(cwd, 'reports'));
    const summary = join(cwd, 'step-summary.md');
    const r = await runCli(['report'], { cwd, env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error title='))).toHaveLength(6);
    expect(readFileSync(summary, 'utf8')).toContain('gate failed');
  });

  it("uses the config's reportsDir, redacts the config's credentials, and exits 0 for a passing run", async () => {
    const cwd = project();
    const run = join(cwd, 'out', 'gate-reports', 'run-1');
    mkdirSync(join(run, 'parts'), { recursive: true });
    const part = {
      part: 'smoke',
      startedAt: '2026-11-21T10:00:00.000Z',
      durationMs: 5,
      target: 'http://gw',
      stages: ['dev'],
      checks: [
        {
          id: 'dev:auth.missing:GET /pets',
          kind: 'auth.missing',
          stage: 'dev',
          operation: 'GET /pets',
          status: 'passed',
          expected: '401',
          actual: '401',
          evidence: [{ request: 'GET http://gw/dev/pets', requestHeaders: { 'x-trace': SECRETS.apiKey }, status: 401 }],
        },
      ],
    };
    writeFileSync(join(run, 'parts', 'smoke.json'), JSON.stringify(part));
    writeFileSync(join(cwd, 'openapi.yaml'), 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths: {}\n');
    writeFileSync(join(cwd, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(cwd, 'gateproof.config.ts'),
      `export default { spec: './openapi.yaml', reportsDir: 'out/gate-reports', stages: { dev: { baseURL: 'http://gw/dev', credentials: { apiKeys: { default: { $env: 'DEV_API_KEY' } } } } } };\n`,
    );
    const r = await runCli(['report'], { cwd, env: { ...quietEnv, DEV_API_KEY: SECRETS.apiKey } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+1 passed, 0 failed, 0 skipped/);
    for (const f of ['gate.json', 'junit.xml', 'summary.md', 'index.html', 'parts/smoke.json']) {
      expect(readFileSync(join(run, f), 'utf8'), f).not.toContain(SECRETS.apiKey);
    }
    expect(readFileSync(join(run, 'gate.json'), 'utf8')).toContain('[REDACTED]');
  });

  it('exits 3 when a part could not reach its target, 2 for other part errors', async () => {
    const cwd = project();
    const reports = join(cwd, 'reports');
    const errored = (error: string, runId: string): void => {
      writeSyntheticRun(
        [{ part: 'smoke', startedAt: '2026-11-21T10:00:00.000Z', durationMs: 5, target: 'http://127.0.0.1:9', stages: ['dev'], checks: [], errors: [error] }],
        runId,
        reports,
      );
    };
    errored('TARGET_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:9', 'unreachable');
    errored('pact file contracts/pacts/x.json is not valid', 'broken');
    expect((await runCli(['report', '--run', 'unreachable'], { cwd, env: quietEnv })).code).toBe(3);
    const broken = await runCli(['report', '--run', 'broken'], { cwd, env: quietEnv });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('ERROR');
    expect(broken.stdout).toContain('pact file contracts/pacts/x.json is not valid');
  });
});
