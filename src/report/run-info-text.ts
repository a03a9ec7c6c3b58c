import type { GateReport } from '../domain/result.ts';

/** One-line accounts of the run's pace, token-check samples and budget (console and summary.md). Pure. */
export function runInfoLines(report: GateReport): string[] {
  const lines: string[] = [];
  for (const [stage, p] of Object.entries(report.pacing?.stages ?? {})) {
    if (!p.adaptive) continue;
    const a = p.adaptive;
    const found = a.took === undefined ? '' : `gateway took ${round(a.took)} r/s, `;
    const how = a.ceiling !== undefined ? `adaptive up to pacing.maxRate ${round(a.ceiling)} r/s (protected)` : 'adaptive (no limit declared)';
    lines.push(
      `pace ${stage}: ${how}: ${found}paced at ${round(p.rate)} r/s (${a.state}); ${p.throttled} of ${p.requests} requests answered 429, each retried`,
    );
  }
  const samples = report.sampling ?? [];
  if (samples.length > 0) {
    const parts = samples.map((s) => `${s.stage} ${s.authorizer} ${s.routes.length} of ${s.of}`);
    lines.push(`token checks on a seeded sample of each authorizer's routes: ${parts.join(', ')} (--exhaustive for every route)`);
  }
  const b = report.budget;
  if (b) {
    const kinds = Object.entries(b.leftOutByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(`budget ${b.limit}: ${b.requests} requests sent; ${b.leftOut ? `left out ${b.leftOut} checks (${kinds})` : 'left out no check'}`);
  }
  return lines;
}

const round = (n: number): number => Math.round(n * 10) / 10;
