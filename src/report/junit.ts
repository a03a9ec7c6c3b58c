import { checkFailureText, checkName } from './evidence-text.ts';
import { familyName } from './matrix.ts';
import type { CheckResult, GateReport } from '../domain/result.ts';
import { xmlOpen, xmlTag, xmlText } from './xml.ts';

/**
 * junit.xml: <testsuites> > one <testsuite> per stage+family > one <testcase> per check, so the test-case
 * count equals gate.json's check count. Classname `<stage>.<family>`; failures carry expected/actual/evidence.
 * Part errors (verdict "error") go into an extra, empty <testsuite name="gateproof.errors"> as <system-err>,
 * so the count stays equal while CI still shows why the run errored. Pure.
 */
export function renderJunit(report: GateReport): string {
  const groups = new Map<string, CheckResult[]>();
  for (const check of report.checks) {
    const key = `${check.stage}.${familyName(check.kind)}`;
    groups.set(key, [...(groups.get(key) ?? []), check]);
  }
  const timestamp = report.startedAt.replace(/\.\d+Z$/, '');
  const suites = [...groups].map(([name, checks], i) => {
    const failures = checks.filter((c) => c.status === 'failed').length;
    const skipped = checks.filter((c) => c.status === 'skipped').length;
    const time = seconds(checks.reduce((t, c) => t + (c.durationMs ?? 0), 0));
    const cases = checks.map((c) => `    ${testcase(c, name)}`).join('\n');
    const props = `    <properties>\n      ${xmlTag('property', { name: 'stage', value: checks[0]?.stage })}\n      ${xmlTag('property', { name: 'family', value: familyName(checks[0]?.kind ?? '') })}\n    </properties>`;
    const open = xmlOpen('testsuite', {
      id: i,
      name,
      tests: checks.length,
      failures,
      errors: 0,
      skipped,
      time,
      timestamp,
      hostname: report.target || 'gateproof',
    });
    return `  ${open}\n${props}\n${cases}\n  </testsuite>`;
  });
  if (report.errors?.length) {
    const open = xmlOpen('testsuite', { id: suites.length, name: 'gateproof.errors', tests: 0, failures: 0, errors: 0, skipped: 0, time: '0.000', timestamp });
    suites.push(`  ${open}\n    <system-err>${xmlText(report.errors.join('\n'))}</system-err>\n  </testsuite>`);
  }
  const root = {
    name: `gateproof ${report.verdict}`,
    tests: report.checks.length,
    failures: report.summary.failed,
    errors: 0,
    skipped: report.summary.skipped,
    time: seconds(report.durationMs),
    timestamp,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlOpen('testsuites', root)}\n${suites.join('\n')}\n</testsuites>\n`;
}

function testcase(check: CheckResult, classname: string): string {
  const attrs = { name: checkName(check), classname, time: seconds(check.durationMs ?? 0) };
  if (check.status === 'passed') {
    return xmlTag('testcase', attrs, `<system-out>${xmlText(`id: ${check.id}\nexpected: ${check.expected}\nactual: ${check.actual}`)}</system-out>`);
  }
  if (check.status === 'skipped') return xmlTag('testcase', attrs, xmlTag('skipped', { message: check.actual || 'skipped' }));
  const message = `expected ${check.expected}; actual ${check.actual}`;
  const failure = xmlTag('failure', { message: message.slice(0, 500), type: check.kind }, xmlText(`id: ${check.id}\n${checkFailureText(check)}`));
  return xmlTag('testcase', attrs, failure);
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);
