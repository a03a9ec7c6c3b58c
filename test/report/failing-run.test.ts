import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { BYPASS_ID, writeSyntheticRun } from './fixture.ts';

const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('a failing run', () => {
  it('shows the failing check with its evidence in all four files', () => {
    const { dir } = writeSyntheticRun();
    const report = buildReport(dir);
    expect(report.verdict).toBe('fail');

    const gate = JSON.parse(readFileSync(join(dir, 'gate.json'), 'utf8')) as GateReport;
    const check = gate.checks.find((c) => c.id === BYPASS_ID)!;
    expect(check.status).toBe('failed');
    expect(check.evidence[0]?.request).toBe('DELETE http://127.0.0.1:4010/dev/pets/42');
    expect(check.evidence[0]?.status).toBe(204);

    const expectations = [
      '[dev] DELETE /pets/{petId} › auth.missing',
      '204 No Content: the route answered without credentials',
      'DELETE http://127.0.0.1:4010/dev/pets/42',
    ];
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const htmlMarkup = html.slice(0, html.indexOf('<script type="application/json"'));
    for (const text of expectations) {
      expect(unescapeHtml(junit), `junit.xml: ${text}`).toContain(text);
      expect(unescapeHtml(summary), `summary.md: ${text}`).toContain(text);
      // in the rendered markup (not only in the embedded data)
      expect(unescapeHtml(htmlMarkup), `index.html: ${text}`).toContain(text);
    }
    expect(junit).toMatch(/<failure message="[^"]*204 No Content/);
    expect(summary).toMatch(/gate failed/);
    expect(summary).toContain('< 204');
    expect(htmlMarkup).toContain(`data-id="${BYPASS_ID}" open`);
  });
});
