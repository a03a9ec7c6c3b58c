import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import { formatConsoleSummary } from '../../src/report/console.ts';
import { renderHtml } from '../../src/report/html/render.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { mergeParts } from '../../src/report/merge.ts';
import { renderSummaryMarkdown } from '../../src/report/summary-md.ts';
import type { CheckResult, GateWarning, RunPart } from '../../src/domain/result.ts';

const SPEC_WARNING: GateWarning = { source: 'spec', message: 'documents no responses: route.mapped checks reachability', operation: 'ANY /{proxy+}' };
const WORDING = 'the body differs from the profile\'s wording for this rejection: {"error":"nope"}';

const check = (stage: string, over: Partial<CheckResult> = {}): CheckResult => ({
  id: `${stage}:auth.missing:GET /pets`,
  kind: 'auth.missing',
  stage,
  operation: 'GET /pets',
  status: 'passed',
  expected: 'a rejection',
  actual: '401',
  evidence: [],
  ...over,
});

const part = (name: string, over: Partial<RunPart>): RunPart => ({
  part: name,
  startedAt: '2026-11-21T10:00:00.000Z',
  durationMs: 10,
  target: 'http://gw',
  stages: ['dev', 'prod'],
  checks: [],
  ...over,
});

const parts = (): RunPart[] => [
  part('smoke', {
    warnings: [SPEC_WARNING],
    checks: [
      check('dev', { warnings: [WORDING] }),
      check('prod'),
      check('prod', {
        id: 'prod:route.unknown:GET /x',
        kind: 'route.unknown',
        operation: 'GET /x',
        status: 'skipped',
        actual: 'covered by ANY /{proxy+}',
        warnings: ['covered by ANY /{proxy+}'],
      }),
    ],
  }),
  // A second part that loaded the same spec: its spec warning is listed once.
  part('contracts', { warnings: [SPEC_WARNING] }),
];

describe('warnings: findings that are not failures reach every report', () => {
  it("gate.json lists the parts' spec warnings once, then each check's, with where they come from", () => {
    const report = mergeParts(parts());
    expect(report.verdict).toBe('pass');
    expect(report.warnings).toEqual([
      SPEC_WARNING,
      { source: 'check', message: WORDING, check: 'dev:auth.missing:GET /pets', stage: 'dev', kind: 'auth.missing', operation: 'GET /pets' },
      { source: 'check', message: 'covered by ANY /{proxy+}', check: 'prod:route.unknown:GET /x', stage: 'prod', kind: 'route.unknown', operation: 'GET /x' },
    ]);
    expect(mergeParts([part('smoke', { checks: [check('dev')] })]).warnings).toEqual([]);
  });

  it('console, summary.md, junit.xml and index.html show each warning', () => {
    const report = mergeParts(parts());
    const outputs = { console: formatConsoleSummary(report), markdown: renderSummaryMarkdown(report), junit: renderJunit(report), html: renderHtml(report) };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).toContain('documents no responses');
      expect(text, name).toContain('covered by ANY /{proxy+}');
    }
    expect(outputs.console).toContain('warnings (3):');
    expect(outputs.console).toMatch(/PASS .*3 warnings/);
    expect(outputs.markdown).toContain('### Warnings (3)');
    expect(outputs.html).toContain('id="warnings"');
    // junit: the check's own warning in its test case, the spec's in the gateproof.warnings suite.
    expect(outputs.junit).toMatch(/<testcase name="dev:auth.missing:GET \/pets"[^>]*><system-out>[^<]*warning: the body differs/);
    expect(outputs.junit).toMatch(/<testsuite [^>]*name="gateproof.warnings"[^>]*tests="0"[\s\S]*?spec ANY \/\{proxy\+\}: documents no responses/);
    expect(outputs.junit).toMatch(/<testsuites [^>]*tests="3"/);
  });

  it('survive the part files: a rebuilt report carries them, and malformed entries are dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-warn-'));
    mkdirSync(join(dir, 'parts'));
    const [smoke] = parts();
    writeFileSync(join(dir, 'parts', 'smoke.json'), JSON.stringify({ ...smoke, warnings: [SPEC_WARNING, { message: 42 }, 'text'] }));
    const report = buildReport(dir, { pointLatest: false });
    expect(report.warnings.map((w) => w.message)).toEqual([SPEC_WARNING.message, WORDING, 'covered by ANY /{proxy+}']);
    const gate = JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as { warnings: GateWarning[] };
    expect(gate.warnings).toHaveLength(3);
  });
});
