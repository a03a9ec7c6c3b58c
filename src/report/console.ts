import { checkName, truncate } from './evidence-text.ts';
import { paint, type Paint } from './color.ts';
import { buildMatrix, failedChecks, type Counts } from './matrix.ts';
import { runInfoLines } from './run-info-text.ts';
import { formatDuration } from './summary-md.ts';
import type { GateReport } from '../domain/result.ts';
import { warningLine } from './warnings.ts';

export interface ConsoleSummaryOptions {
  /** Folder holding the report files, to print their paths. */
  dir?: string;
  color?: boolean;
  maxFailures?: number;
  maxWarnings?: number;
}

/**
 * The compact end-of-run verdict: a stage x family table of passed/failed/skipped, the failed checks with
 * expected/actual, then the paths of the report files. Pure (report -> string).
 */
export function formatConsoleSummary(report: GateReport, options: ConsoleSummaryOptions = {}): string {
  const p = paint(options.color ?? false);
  const max = options.maxFailures ?? 20;
  const maxWarnings = options.maxWarnings ?? 20;
  const lines: string[] = [''];
  const matrix = buildMatrix(report, 'family');
  if (matrix.columns.length) {
    const cellText = matrix.rows.map((r) => matrix.columns.map((c) => counts(r.cells[c])));
    const stageWidth = Math.max(5, ...matrix.rows.map((r) => r.stage.length));
    const widths = matrix.columns.map((c, i) => Math.max(c.length, ...cellText.map((row) => row[i]?.length ?? 0)));
    lines.push(`${'stage'.padEnd(stageWidth)}  ${matrix.columns.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`);
    matrix.rows.forEach((row, r) => {
      const cells = matrix.columns.map((c, i) => colour(p, row.cells[c], (cellText[r]?.[i] ?? '').padEnd(widths[i] ?? 0)));
      lines.push(`${row.stage.padEnd(stageWidth)}  ${cells.join('  ')}`);
    });
    lines.push(p.dim(`cells: passed/failed/skipped`), '');
  }

  const failures = failedChecks(report);
  if (failures.length) {
    lines.push(p.bold(`failed checks (${failures.length}):`));
    for (const check of failures.slice(0, max)) {
      lines.push(
        `  ${p.red('✗')} ${checkName(check)}`,
        `      expected: ${truncate(oneLine(check.expected), 200)}`,
        `      actual:   ${truncate(oneLine(check.actual), 200)}`,
      );
      const request = check.evidence?.[0];
      if (request) lines.push(p.dim(`      ${truncate(request.request, 160)}${request.status !== undefined ? ` -> ${request.status}` : ''}`));
    }
    if (failures.length > max) lines.push(`  … and ${failures.length - max} more (see the report)`);
    lines.push('');
  }
  const warnings = report.warnings;
  if (warnings.length) {
    lines.push(p.bold(`warnings (${warnings.length}):`));
    for (const w of warnings.slice(0, maxWarnings)) lines.push(`  ${p.yellow('!')} ${truncate(warningLine(w), 240)}`);
    if (warnings.length > maxWarnings) lines.push(`  … and ${warnings.length - maxWarnings} more (gate.json "warnings")`);
    lines.push('');
  }
  const info = runInfoLines(report);
  if (info.length) lines.push(...info.map((l) => p.dim(l)), '');
  for (const error of report.errors ?? []) lines.push(`${p.yellow('error:')} ${error}`);
  if (report.errors?.length) lines.push('');

  const { passed, failed, skipped } = report.summary;
  const head = { pass: p.green(p.bold('PASS')), fail: p.red(p.bold('FAIL')), error: p.yellow(p.bold('ERROR')) }[report.verdict];
  const warned = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
  lines.push(
    `${head}  ${passed} passed, ${failed} failed, ${skipped} skipped${warned} in ${formatDuration(report.durationMs)}  (${report.stages.join(', ') || 'no stage'} on ${report.target || 'unknown target'})`,
  );
  if (options.dir) {
    lines.push(p.dim(`report: ${options.dir}/index.html`), p.dim(`        ${options.dir}/gate.json  ${options.dir}/junit.xml  ${options.dir}/summary.md`));
  }
  return lines.join('\n');
}

const counts = (c: Counts | undefined): string => (c && c.passed + c.failed + c.skipped > 0 ? `${c.passed}/${c.failed}/${c.skipped}` : '·');

function colour(p: Paint, c: Counts | undefined, text: string): string {
  if (!c) return text;
  if (c.failed) return p.red(text);
  if (c.passed) return p.green(text);
  return p.dim(text);
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
