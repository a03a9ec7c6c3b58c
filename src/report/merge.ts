import type { CheckResult, GateReport, GateWarning, RunPart, Verdict } from '../domain/result.ts';

export interface MergeOptions {
  /** Accept a run in which no check passed or failed (every check skipped, or none at all) as a pass. */
  allowEmpty?: boolean;
}

/**
 * Merges the parts of one run (smoke, throttle, contracts, load-*) into the unified report. Pure.
 * Verdict: "error" when any part reports errors (or no part ran, or no check ran at all: nothing proven is
 * no pass, unless `allowEmpty`), else "fail" when any check failed, else "pass".
 */
export function mergeParts(parts: readonly RunPart[], options: MergeOptions = {}): GateReport {
  const ordered = [...parts].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.part.localeCompare(b.part));
  const checks: CheckResult[] = ordered.flatMap((p) => p.checks ?? []);
  const errors = ordered.flatMap((p) => (p.errors ?? []).map((e) => (e.startsWith(`${p.part}:`) ? e : `${p.part}: ${e}`)));
  if (ordered.length === 0) errors.push('no results: no part of the run wrote its results (parts/*.json)');

  const starts = ordered.map((p) => Date.parse(p.startedAt)).filter(Number.isFinite);
  const ends = ordered.map((p) => Date.parse(p.startedAt) + Math.max(0, p.durationMs || 0)).filter(Number.isFinite);
  const start = starts.length ? Math.min(...starts) : Date.now();
  const end = ends.length ? Math.max(...ends) : start;

  const summary = { passed: 0, failed: 0, skipped: 0 };
  for (const c of checks) summary[c.status] += 1;
  if (ordered.length > 0 && errors.length === 0 && summary.passed + summary.failed === 0 && !options.allowEmpty) errors.push(nothingChecked(checks));

  const links = Object.assign({}, ...ordered.map((p) => p.links ?? {})) as Record<string, string>;
  const report: GateReport = {
    verdict: verdictOf(errors, summary.failed),
    startedAt: new Date(start).toISOString(),
    durationMs: Math.max(0, end - start),
    target: unique(ordered.map((p) => p.target).filter(Boolean)).join(', '),
    stages: unique([...ordered.flatMap((p) => p.stages ?? []), ...checks.map((c) => c.stage)]),
    summary,
    checks,
    warnings: mergeWarnings(ordered, checks),
  };
  if (errors.length) report.errors = errors;
  if (Object.keys(links).length) report.links = links;
  // The newest part that says (a run id reused by a later smoke run reports that run's).
  const latest = <K extends 'pacing' | 'sampling' | 'budget'>(key: K): RunPart[K] =>
    ordered
      .map((p) => p[key])
      .filter((v) => v !== undefined)
      .at(-1);
  const pacing = latest('pacing');
  const sampling = latest('sampling');
  const budget = latest('budget');
  if (pacing) report.pacing = pacing;
  if (sampling?.length) report.sampling = sampling;
  if (budget) report.budget = budget;
  return report;
}

/** Why a run that executed no check is not a pass, with the skip reasons and the fix. */
function nothingChecked(checks: readonly CheckResult[]): string {
  const reasons = unique(checks.map((c) => c.actual.replace(/^skipped:\s*/, '')));
  const why =
    checks.length === 0
      ? 'the run has no check'
      : `all ${checks.length} checks were skipped (${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; ...' : ''})`;
  return `NOTHING_CHECKED: no check ran: ${why}. Fix: give the checks what they need (the reasons above), select others with --only, or pass --allow-empty to accept a run that proves nothing`;
}

/** The parts' spec/plan warnings (once each: several parts load the same spec), then each check's, in check order. */
function mergeWarnings(parts: readonly RunPart[], checks: readonly CheckResult[]): GateWarning[] {
  const seen = new Set<string>();
  const out: GateWarning[] = [];
  const add = (w: GateWarning): void => {
    const key = JSON.stringify([w.source, w.message, w.operation, w.stage, w.check]);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  for (const part of parts) for (const w of part.warnings ?? []) add(w);
  for (const c of checks)
    for (const message of c.warnings ?? []) add({ source: 'check', message, check: c.id, stage: c.stage, kind: c.kind, operation: c.operation });
  return out;
}

const verdictOf = (errors: readonly string[], failed: number): Verdict => (errors.length ? 'error' : failed ? 'fail' : 'pass');

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
