import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { mergeParts } from '../../src/report/merge.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { launchChromium, parseJunitInBrowser } from './browser.ts';
import { syntheticParts, writeSyntheticRun } from './fixture.ts';

describe('junit.xml', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is well-formed JUnit whose test-case count equals gate.json's check count, with consistent counters", async () => {
    const { dir } = writeSyntheticRun();
    buildReport(dir);
    const gate = JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as GateReport;
    const junit = await parseJunitInBrowser(browser, readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(junit.error).toBeUndefined();
    expect(junit.root).toBe('testsuites');

    const cases = junit.suites.flatMap((s) => s.cases);
    expect(cases).toHaveLength(gate.checks.length);
    expect(Number(junit.attrs.tests)).toBe(gate.checks.length);
    expect(Number(junit.attrs.failures)).toBe(gate.summary.failed);
    expect(Number(junit.attrs.skipped)).toBe(gate.summary.skipped);

    for (const suite of junit.suites) {
      expect(suite.children.filter((c) => !['properties', 'testcase', 'system-out', 'system-err'].includes(c))).toEqual([]);
      for (const attr of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp']) expect(suite.attrs[attr], attr).toBeDefined();
      expect(Number(suite.attrs.tests)).toBe(suite.cases.length);
      expect(Number(suite.attrs.failures)).toBe(suite.cases.filter((c) => c.failure).length);
      expect(Number(suite.attrs.skipped)).toBe(suite.cases.filter((c) => c.skipped).length);
      expect(suite.attrs.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      for (const c of suite.cases) {
        expect(c.attrs.name).toBeTruthy();
        expect(c.attrs.classname).toBe(suite.attrs.name);
        expect(c.attrs.classname).toMatch(/^[^.]+\.(auth|route|stage|throttle|contract|load)$/);
        expect(Number.isFinite(Number(c.attrs.time))).toBe(true);
      }
    }
    // a failure carries message, type, expected/actual and evidence
    const failed = cases.find((c) => c.attrs.name === '[dev] DELETE /pets/{petId} › auth.missing');
    expect(failed?.failure?.attrs.type).toBe('auth.missing');
    expect(failed?.failure?.attrs.message).toContain('204 No Content');
    expect(failed?.failure?.text).toContain('DELETE http://127.0.0.1:4010/dev/pets/42');
    expect(failed?.failure?.text).toContain('< 204');
    const skippedCount = cases.filter((c) => c.skipped).length;
    expect(skippedCount).toBe(gate.summary.skipped);
  });

  it('escapes markup and strips characters XML cannot carry', async () => {
    const parts = syntheticParts().slice(0, 1);
    const nasty = 'a"b\'c<d>&e]]>\u0001\u0008\u000b\u001f\ufffe\ud800 tab\tnl\nend';
    const first = parts[0]!.checks[0]!;
    parts[0]!.checks[0] = {
      ...first,
      status: 'failed',
      title: `title ${nasty}`,
      expected: nasty,
      actual: nasty,
      evidence: [{ request: `GET /x?q=${nasty}`, bodyExcerpt: `<![CDATA[ ${nasty}` }],
    };
    const xml = renderJunit(mergeParts(parts));
    const junit = await parseJunitInBrowser(browser, xml);
    expect(junit.error).toBeUndefined();
    const c = junit.suites.flatMap((s) => s.cases).find((x) => x.attrs.name?.startsWith('title'));
    expect(c?.attrs.name).toBe('title a"b\'c<d>&e]]> tab\tnl\nend');
    expect(c?.failure?.text).toContain('<![CDATA[ a"b\'c<d>&e]]>');
  });

  it('keeps the count equal when the run errored, and reports the errors', async () => {
    const report = mergeParts([
      ...syntheticParts().slice(0, 1),
      {
        part: 'load-slo',
        startedAt: '2026-11-21T09:40:00.000Z',
        durationMs: 1,
        target: 'x',
        stages: ['dev'],
        checks: [],
        errors: ['TOOL_MISSING: k6 & <friends> not found'],
      },
    ]);
    const junit = await parseJunitInBrowser(browser, renderJunit(report));
    expect(junit.error).toBeUndefined();
    expect(junit.suites.flatMap((s) => s.cases)).toHaveLength(report.checks.length);
    expect(junit.suites.at(-1)?.attrs.name).toBe('gateproof.errors');
  });
});
