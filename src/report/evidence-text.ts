import type { CheckResult, Evidence } from '../domain/result.ts';

/** Evidence as plain text lines (JUnit failure bodies, console, Markdown code blocks). Pure. */
export function evidenceLines(evidence: Evidence, options: { bodyLimit?: number } = {}): string[] {
  const lines = [`> ${evidence.request}`];
  for (const [k, v] of Object.entries(evidence.requestHeaders ?? {})) lines.push(`> ${k}: ${v}`);
  if (evidence.status !== undefined) lines.push(`< ${evidence.status}${evidence.durationMs !== undefined ? ` (${Math.round(evidence.durationMs)} ms)` : ''}`);
  for (const [k, v] of Object.entries(evidence.responseHeaders ?? {})) lines.push(`< ${k}: ${v}`);
  if (evidence.bodyExcerpt) lines.push(`< ${truncate(evidence.bodyExcerpt, options.bodyLimit ?? 2000).replace(/\n/g, '\n< ')}`);
  if (evidence.note) lines.push(`# ${evidence.note}`);
  return lines;
}

export function checkFailureText(check: CheckResult, options: { maxEvidence?: number; bodyLimit?: number } = {}): string {
  const max = options.maxEvidence ?? 5;
  const parts = [`expected: ${check.expected}`, `actual:   ${check.actual}`];
  const evidence = check.evidence ?? [];
  evidence.slice(0, max).forEach((e, i) => parts.push('', `evidence ${i + 1}/${evidence.length}:`, ...evidenceLines(e, options)));
  if (evidence.length > max) parts.push('', `(${evidence.length - max} more evidence entries in gate.json)`);
  return parts.join('\n');
}

export const truncate = (text: string, limit: number): string => (text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more chars)` : text);

/** What a person calls a check: its title, or its id. */
export const checkName = (check: CheckResult): string => check.title ?? check.id;
