import type { CheckResult, GateReport, RunPart, Verdict } from '../domain/result.ts';

/**
 * Merges the parts of one run (smoke, throttle, contracts, load-*) into the unified report. Pure.
 * Verdict: "error" when any part reports errors (or no part ran), else "fail" when any check failed, else "pass".
 */
export function mergeParts(parts: readonly RunPart[]): GateReport {
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

  const links = Object.assign({}, ...ordered.map((p) => p.links ?? {})) as Record<string, string>;
  const report: GateReport = {
    verdict: verdictOf(errors, summary.failed),
    startedAt: new Date(start).toISOString(),
    durationMs: Math.max(0, end - start),
    target: unique(ordered.map((p) => p.target).filter(Boolean)).join(', '),
    stages: unique([...ordered.flatMap((p) => p.stages ?? []), ...checks.map((c) => c.stage)]),
    summary,
    checks,
  };
  if (errors.length) report.errors = errors;
  if (Object.keys(links).length) report.links = links;
  // The newest part that says (a run id reused by a later smoke run reports that run's).
  const latest = <K extends 'pacing' | 'sampling' | 'budget'>(key: K): RunPart[K] => ordered.map((p) => p[key]).filter((v) => v !== undefined).at(-1);
  const pacing = latest('pacing');
  const sampling = latest('sampling');
  const budget = latest('budget');
  if (pacing) report.pacing = pacing;
  if (sampling?.length) report.sampling = sampling;
  if (budget) report.budget = budget;
  return report;
}

const verdictOf = (errors: readonly string[], failed: number): Verdict => (errors.length ? 'error' : failed ? 'fail' : 'pass');

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
