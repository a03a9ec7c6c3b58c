import { checkName, evidenceLines, truncate } from './evidence-text.ts';
import { buildMatrix, failedChecks, type Counts } from './matrix.ts';
import { runInfoLines } from './run-info-text.ts';
import type { GateReport } from '../domain/result.ts';
import { warningOrigin } from './warnings.ts';

const MAX_FAILURES = 30;
const MAX_WARNINGS = 30;
const VERDICT_LINE = { pass: '✅ **gate passed**', fail: '❌ **gate failed**', error: '⚠️ **gate errored** (part of the run could not complete)' } as const;

/** summary.md: short Markdown for $GITHUB_STEP_SUMMARY and merge-request comments. Pure. */
export function renderSummaryMarkdown(report: GateReport, options: { maxFailures?: number } = {}): string {
  const max = options.maxFailures ?? MAX_FAILURES;
  const { passed, failed, skipped } = report.summary;
  const lines = [
    `## gateproof: ${VERDICT_LINE[report.verdict]}`,
    '',
    `${passed} passed · ${failed} failed · ${skipped} skipped${report.warnings.length ? ` · ${report.warnings.length} warnings` : ''} — ${report.stages.map(code).join(', ') || 'no stage'} on ${code(report.target || 'unknown target')}, ${formatDuration(report.durationMs)}, started ${report.startedAt}`,
    '',
  ];
  if (report.errors?.length) lines.push('**Errors**', '', ...report.errors.map((e) => `- ${md(e)}`), '');

  const matrix = buildMatrix(report, 'family');
  if (matrix.columns.length) {
    lines.push(`| stage | ${matrix.columns.join(' | ')} |`, `|---|${matrix.columns.map(() => '---|').join('')}`);
    for (const row of matrix.rows) lines.push(`| ${md(row.stage)} | ${matrix.columns.map((c) => cell(row.cells[c])).join(' | ')} |`);
    lines.push('');
  }

  const info = runInfoLines(report);
  if (info.length) lines.push(...info.map((l) => `- ${md(l)}`), '');

  const failures = failedChecks(report);
  if (failures.length) {
    lines.push(`### Failed checks (${failures.length})`, '');
    for (const check of failures.slice(0, max)) {
      lines.push(`<details><summary><code>${html(checkName(check))}</code> — expected ${html(check.expected)}; got ${html(check.actual)}</summary>`, '');
      lines.push(`id: \`${check.id.replace(/`/g, "'")}\``, '');
      const evidence = check.evidence?.[0];
      if (evidence) lines.push('```http', ...evidenceLines(evidence, { bodyLimit: 600 }).map(fence), '```');
      lines.push('</details>', '');
    }
    if (failures.length > max) lines.push(`… and ${failures.length - max} more failed checks (see gate.json / index.html)`, '');
  }
  const warnings = report.warnings;
  if (warnings.length) {
    lines.push(`### Warnings (${warnings.length})`, '');
    for (const w of warnings.slice(0, MAX_WARNINGS)) lines.push(`- ${code(warningOrigin(w))}: ${md(w.message)}`);
    if (warnings.length > MAX_WARNINGS) lines.push(`- … and ${warnings.length - MAX_WARNINGS} more (see gate.json / index.html)`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const cell = (c: Counts | undefined): string => {
  if (!c || c.passed + c.failed + c.skipped === 0) return '·';
  const parts = [c.failed ? `❌ ${c.failed}` : '', c.passed ? `✅ ${c.passed}` : '', c.skipped ? `⏭ ${c.skipped}` : ''];
  return parts.filter(Boolean).join(' ');
};

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
/** Markdown table/list text: no pipes or newlines, HTML neutralised. */
const md = (s: string): string => html(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const html = (s: string): string => truncate(s, 300).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Keeps a code fence from being closed by evidence content. */
const fence = (line: string): string => line.replace(/```/g, '`\u200b``');
