import { basename, dirname, join, resolve } from 'node:path';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { redact } from '../secrets/redact.ts';
import { writeFileAtomic } from './atomic.ts';
import { concise } from './concise.ts';
import { renderGateJson } from './gate-json.ts';
import { renderHtml } from './html/render.ts';
import { renderJunit } from './junit.ts';
import { mergeParts, type MergeOptions } from './merge.ts';
import { readPartsSafely } from './read-parts.ts';
import { pointLatest } from './run-dir.ts';
import { scrub } from './scrub.ts';
import { renderSummaryMarkdown } from './summary-md.ts';
import type { GateReport } from '../domain/result.ts';

/** The unified report files of a run folder (contract names). */
type ReportFile = 'gate.json' | 'junit.xml' | 'summary.md' | 'index.html';

export interface BuildReportOptions extends MergeOptions {
  /** The reports folder whose `latest` should point at this run; default: the run folder's parent. */
  reportsDir?: string;
  /** Leave reports/latest alone (rebuilding an older run). */
  pointLatest?: boolean;
}

/**
 * Builds the unified report of a run folder from its parts (parts/*.json): merges them into one GateReport,
 * redacts every known secret again, keeps headers and bodies in the evidence of failures only (concise.ts),
 * writes gate.json, junit.xml, summary.md and index.html (each whole, via temp file + rename), points
 * reports/latest at the run and returns the report.
 */
export function buildReport(dir: string, options: BuildReportOptions = {}): GateReport {
  const runDir = realpathSync(resolve(dir));
  scrubParts(runDir);
  const merged = scrub(mergeParts(readPartsSafely(runDir), { allowEmpty: options.allowEmpty }));
  const report = { ...merged, checks: merged.checks.map(concise) };
  writeReportFiles(runDir, report);
  if (options.pointLatest !== false) {
    const reportsDir = resolve(options.reportsDir ?? dirname(runDir));
    if (existsSync(reportsDir) && dirname(runDir) === realpathSync(reportsDir)) pointLatest(reportsDir, basename(runDir));
  }
  return report;
}

/** Rewrites any part file that still holds a credential (a part written before its secret was registered). */
function scrubParts(dir: string): void {
  const partsDir = join(dir, 'parts');
  if (!existsSync(partsDir)) return;
  for (const file of readdirSync(partsDir).filter((f) => f.endsWith('.json'))) {
    const path = join(partsDir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue; // readPartsSafely reports unreadable parts
    }
    const scrubbed = JSON.stringify(scrub(parsed), null, 2);
    if (scrubbed !== JSON.stringify(parsed, null, 2)) writeFileAtomic(path, scrubbed);
  }
}

/** Renders and writes the four files; every rendered text passes through redact once more. */
function writeReportFiles(dir: string, report: GateReport): void {
  const files: Record<ReportFile, string> = {
    'gate.json': renderGateJson(report),
    'junit.xml': renderJunit(report),
    'summary.md': renderSummaryMarkdown(report),
    'index.html': renderHtml(report),
  };
  for (const [name, content] of Object.entries(files)) writeFileAtomic(join(dir, name), redact(content));
}
