import { appendFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../secrets/redact.ts';
import { checkName } from './evidence-text.ts';
import { failedChecks } from './matrix.ts';
import { renderSummaryMarkdown } from './summary-md.ts';
import type { GateReport } from '../domain/result.ts';

/** GitHub caps annotations per step (10 errors are shown per step); more only add noise. */
const MAX_ANNOTATIONS = 50;

/** Workflow-command data escaping (GitHub: % \r \n). */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command property escaping (additionally : and ,). */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error title=...::message` lines for the failed checks (and the run's errors). Pure. */
export function githubAnnotations(report: GateReport, max = MAX_ANNOTATIONS): string[] {
  const lines = (report.errors ?? []).map((e) => `::error title=${escapeProperty('gateproof: run error')}::${escapeData(e)}`);
  const failures = failedChecks(report);
  for (const check of failures.slice(0, max)) {
    const title = `gateproof ${check.kind} [${check.stage}] ${check.operation}`;
    const first = check.evidence?.[0];
    const proof = first ? `\n${first.request}${first.status !== undefined ? ` -> ${first.status}` : ''}` : '';
    lines.push(`::error title=${escapeProperty(title)}::${escapeData(`${checkName(check)}: expected ${check.expected}; actual ${check.actual}${proof}`)}`);
  }
  if (failures.length > max) lines.push(`::warning title=gateproof::${escapeData(`${failures.length - max} more failed checks: see the report artifact`)}`);
  return lines.map(redact);
}

export interface GithubPublication {
  annotations: number;
  summaryAppended: boolean;
}

/**
 * Under GitHub Actions (GITHUB_ACTIONS=true): writes an annotation per failed check and appends summary.md
 * (from `dir`, else rendered) to $GITHUB_STEP_SUMMARY. Does nothing elsewhere. Never throws: a CI nicety
 * must not change the verdict.
 */
export function publishToGithub(
  report: GateReport,
  dir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): GithubPublication {
  const result = { annotations: 0, summaryAppended: false };
  if (env.GITHUB_ACTIONS !== 'true') return result;
  const annotations = githubAnnotations(report);
  for (const line of annotations) write(line);
  result.annotations = annotations.length;
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    try {
      const existing = dir && existsSync(join(dir, 'summary.md')) ? readFileSync(join(dir, 'summary.md'), 'utf8') : renderSummaryMarkdown(report);
      appendFileSync(summaryFile, `${redact(existing)}\n`);
      result.summaryAppended = true;
    } catch {
      write(`::warning title=gateproof::${escapeData(`could not append to GITHUB_STEP_SUMMARY (${summaryFile})`)}`);
    }
  }
  return result;
}
