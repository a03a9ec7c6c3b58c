import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateReport, LoadData } from '../../src/domain/result.ts';
import { runCli } from '../helpers/cli.ts';
import { k6Path } from './helpers.ts';

/** `gateproof demo`'s load part: a short throttle and slo run against the bundled local gateway (examples/). */
describe('gateproof demo: load', () => {
  let reports: string;
  beforeAll(async () => {
    await k6Path();
    reports = mkdtempSync(join(tmpdir(), 'gp-load-demo-'));
  }, 30 * 60_000);
  afterAll(() => rmSync(reports, { recursive: true, force: true }));

  it('runs throttle and slo on dev, every threshold holding (its time is a figure of npm run bench)', async () => {
    const r = await runCli(['demo', '--only', 'load'], { env: { GATEPROOF_REPORTS_DIR: reports } });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const report = JSON.parse(readFileSync(join(realpathSync(join(reports, 'latest')), 'gate.json'), 'utf8')) as GateReport;
    expect(report.verdict).toBe('pass');
    const scenarios = new Set(report.checks.map((c) => (c.data as LoadData).scenario));
    expect(scenarios).toEqual(new Set(['throttle', 'slo']));
    expect(report.checks.every((c) => c.kind === 'load.threshold' && c.stage === 'dev')).toBe(true);
    expect(report.links).toMatchObject({ 'k6 throttle dashboard': 'k6-throttle.html', 'k6 slo dashboard': 'k6-slo.html' });
  }, 120_000);
});
