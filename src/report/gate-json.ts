import type { GateReport } from '../domain/result.ts';

/**
 * gate.json as text: the run's fields indented, each check on one line: a run of 15,000 checks stays
 * readable and diffable line by line, at a fraction of the size of indenting every field of every check.
 */
export function renderGateJson(report: GateReport): string {
  const placeholder = '\u0000checks\u0000';
  const head = JSON.stringify({ ...report, checks: placeholder }, null, 2);
  const checks = report.checks.length ? `[\n${report.checks.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]` : '[]';
  return `${head.replace(JSON.stringify(placeholder), () => checks)}\n`;
}
