import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import { formatConsoleSummary } from '../../src/report/console.ts';
import { exitCodeOf } from '../../src/report/exit-code.ts';
import { escapeData, escapeProperty, githubAnnotations, publishToGithub } from '../../src/report/github.ts';
import { mergeParts } from '../../src/report/merge.ts';
import { createProgress } from '../../src/report/progress.ts';
import { renderSummaryMarkdown } from '../../src/report/summary-md.ts';
import type { CheckResult, RunPart } from '../../src/domain/result.ts';
import { syntheticParts, writeSyntheticRun } from './fixture.ts';

const part = (over: Partial<RunPart>): RunPart => ({
  part: 'smoke',
  startedAt: '2026-11-21T10:00:00.000Z',
  durationMs: 1000,
  target: 'http://gw',
  stages: ['dev'],
  checks: [],
  ...over,
});
const result = (status: CheckResult['status'], over: Partial<CheckResult> = {}): CheckResult => ({
  id: `dev:auth.missing:GET /${status}`,
  kind: 'auth.missing',
  stage: 'dev',
  operation: `GET /${status}`,
  status,
  expected: '401',
  actual: status === 'failed' ? '200' : '401',
  evidence: [],
  ...over,
});

describe('mergeParts', () => {
  it('takes the earliest start, the whole span, the union of stages, merged links and summed counts', () => {
    const report = mergeParts([
      part({
        part: 'throttle',
        startedAt: '2026-11-21T10:00:05.000Z',
        durationMs: 10_000,
        stages: ['prod'],
        checks: [result('skipped', { stage: 'prod' })],
        links: { k6: 'k6/a.html' },
      }),
      part({
        part: 'smoke',
        startedAt: '2026-11-21T10:00:00.000Z',
        durationMs: 2000,
        stages: ['dev'],
        checks: [result('passed'), result('failed')],
        links: { playwright: 'pw/index.html' },
      }),
    ]);
    expect(report.startedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(report.durationMs).toBe(15_000);
    expect(report.stages).toEqual(['dev', 'prod']);
    expect(report.summary).toEqual({ passed: 1, failed: 1, skipped: 1 });
    expect(report.links).toEqual({ playwright: 'pw/index.html', k6: 'k6/a.html' });
    expect(report.checks.map((c) => c.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(report.verdict).toBe('fail');
    expect(report.target).toBe('http://gw');
  });

  it('verdict: error beats fail beats pass; no part at all is an error', () => {
    expect(mergeParts([part({ checks: [result('passed'), result('skipped')] })]).verdict).toBe('pass');
    expect(mergeParts([part({ checks: [result('failed')] }), part({ part: 'load-slo', errors: ['boom'] })]).verdict).toBe('error');
    expect(mergeParts([]).verdict).toBe('error');
  });

  it('exit codes: 0 pass, 1 fail, 3 when every error is an unreachable target or missing tool, else 2', () => {
    expect(exitCodeOf({ verdict: 'pass' })).toBe(0);
    expect(exitCodeOf({ verdict: 'fail' })).toBe(1);
    expect(exitCodeOf({ verdict: 'error', errors: ['smoke: TARGET_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:9'] })).toBe(3);
    expect(exitCodeOf({ verdict: 'error', errors: ['load-slo: TOOL_MISSING: k6 not found on PATH'] })).toBe(3);
    expect(exitCodeOf({ verdict: 'error', errors: ['contracts: pact file invalid'] })).toBe(2);
  });
});

describe('buildReport', () => {
  it('writes the four files whole (no temp files left), points latest at the run and returns the report', () => {
    const { reportsDir, dir, runId } = writeSyntheticRun();
    const report = buildReport(dir);
    expect(readdirSync(dir).sort()).toEqual(['gate.json', 'index.html', 'junit.xml', 'parts', 'summary.md']);
    expect(JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(readlinkSync(join(reportsDir, 'latest'))).toBe(runId);
    // contract field order and presence
    const gate = JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(gate).slice(0, 7)).toEqual(['verdict', 'startedAt', 'durationMs', 'target', 'stages', 'summary', 'checks']);
    for (const check of gate.checks as Record<string, unknown>[]) {
      for (const field of ['id', 'kind', 'stage', 'operation', 'status', 'expected', 'actual', 'evidence']) expect(check).toHaveProperty(field);
    }
    // rebuilding the same run through reports/latest gives the same report
    expect(buildReport(join(reportsDir, 'latest'))).toEqual(report);
  });

  it('turns an unreadable or malformed part into an error verdict instead of crashing', () => {
    const { dir } = writeSyntheticRun([part({ checks: [result('passed')] })]);
    writeFileSync(join(dir, 'parts', 'throttle.json'), '{"part": "throttle", "checks": [');
    writeFileSync(join(dir, 'parts', 'contracts.json'), JSON.stringify(part({ part: 'contracts', checks: [{ nonsense: true }] as never })));
    const report = buildReport(dir);
    expect(report.verdict).toBe('error');
    expect(report.errors?.join('\n')).toMatch(/throttle\.json is not valid JSON/);
    expect(report.errors?.join('\n')).toMatch(/1 malformed check result/);
    expect(report.checks).toHaveLength(1);
  });

  it('summary.md: verdict line, stage x family table, failed checks capped with "and N more"', () => {
    const checks = Array.from({ length: 40 }, (_, i) => result('failed', { id: `dev:auth.missing:GET /p${i}`, operation: `GET /p${i}` }));
    const md = renderSummaryMarkdown(mergeParts([part({ checks })]));
    expect(md).toMatch(/^## gateproof: ❌ \*\*gate failed\*\*/);
    expect(md).toContain('| stage | auth |');
    expect(md).toContain('| dev | ❌ 40 |');
    expect(md.match(/<details>/g)).toHaveLength(30);
    expect(md).toContain('and 10 more failed checks');
  });
});

describe('console', () => {
  it('formatConsoleSummary: the stage x family table, the failed checks with expected/actual, the report paths', () => {
    const text = formatConsoleSummary(mergeParts(syntheticParts()), { dir: 'reports/latest' });
    expect(text).toMatch(/stage\s+auth\s+route\s+stage\s+throttle\s+contract\s+load/);
    expect(text).toMatch(/dev\s+15\/2\/0/);
    expect(text).toContain('✗ [dev] DELETE /pets/{petId} › auth.missing');
    expect(text).toContain('expected: the profile’s unauthenticated response (401/403), never 2xx');
    expect(text).toContain('actual:   204 No Content');
    expect(text).toMatch(/FAIL\s+63 passed, 6 failed, 2 skipped/);
    expect(text).toContain('reports/latest/index.html');
    expect(text).not.toContain('\u001b[');
  });

  it('createProgress prints one plain line per result, colour only on a TTY without NO_COLOR/CI', () => {
    const lines: string[] = [];
    const progress = createProgress({ write: (s: string) => lines.push(s), isTTY: false }, {});
    progress.onResult(result('passed'));
    progress.onResult(result('failed'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^✗ dev\s+auth\.missing\s+GET \/failed\s+expected 401, got 200\s+\[\s+2 \| 1 ok 1 failed 0 skipped\]\n$/);
    expect(lines.join('')).not.toContain('\u001b[');
    const tty: string[] = [];
    createProgress({ write: (s: string) => tty.push(s), isTTY: true }, {}).onResult(result('passed'));
    expect(tty[0]).toContain('\u001b[');
    const ci: string[] = [];
    createProgress({ write: (s: string) => ci.push(s), isTTY: true }, { CI: 'true' }).onResult(result('passed'));
    createProgress({ write: (s: string) => ci.push(s), isTTY: true }, { NO_COLOR: '1' }).onResult(result('passed'));
    expect(ci.join('')).not.toContain('\u001b[');
  });
});

describe('GitHub Actions', () => {
  it('escapes workflow-command data and properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25');
  });

  it('annotates failed checks and appends summary.md to $GITHUB_STEP_SUMMARY only under GITHUB_ACTIONS', () => {
    const { dir } = writeSyntheticRun();
    const report = buildReport(dir);
    const summaryFile = join(dir, '..', 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const out: string[] = [];
    const published = publishToGithub(report, dir, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile }, (l) => out.push(l));
    expect(published).toEqual({ annotations: 6, summaryAppended: true });
    expect(out.every((l) => l.startsWith('::error title='))).toBe(true);
    expect(out[0]).toMatch(/^::error title=gateproof auth\.missing \[dev\] DELETE \/pets\/\{petId\}::\[dev\] DELETE/);
    expect(out.every((l) => !/[\r\n]/.test(l))).toBe(true);
    const appended = readFileSync(summaryFile, 'utf8');
    expect(appended.startsWith('# earlier step\n## gateproof: ❌ **gate failed**')).toBe(true);

    const quiet: string[] = [];
    expect(publishToGithub(report, dir, {}, (l) => quiet.push(l))).toEqual({ annotations: 0, summaryAppended: false });
    expect(quiet).toEqual([]);
    expect(githubAnnotations(report, 2).at(-1)).toMatch(/^::warning title=gateproof::4 more failed checks/);
  });

  it('publishToGithub never throws when the summary file cannot be written', () => {
    const { dir } = writeSyntheticRun();
    const report = buildReport(dir);
    const blocked = join(dir, 'a-directory');
    mkdirSync(blocked);
    const out: string[] = [];
    expect(publishToGithub(report, dir, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: blocked }, (l) => out.push(l)).summaryAppended).toBe(false);
    expect(out.at(-1)).toMatch(/^::warning title=gateproof::could not append/);
  });
});
