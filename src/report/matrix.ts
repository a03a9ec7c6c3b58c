import { CHECK_KINDS, FAMILIES } from '../domain/kinds.ts';
import type { CheckResult, GateReport } from '../domain/result.ts';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface MatrixRow {
  stage: string;
  cells: Record<string, Counts>;
  total: Counts;
}

/** The stage x column table of pass/fail/skip counts; columns are families or kinds, in contract order. */
export interface Matrix {
  columns: string[];
  rows: MatrixRow[];
}

export const emptyCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

/** "auth.missing" -> "auth"; tolerant of kinds added later. */
export const familyName = (kind: string): string => kind.split('.')[0] ?? kind;

/** Stage x family (`by: 'family'`) or stage x kind matrix of a report. Pure. */
export function buildMatrix(report: Pick<GateReport, 'stages' | 'checks'>, by: 'family' | 'kind' = 'family'): Matrix {
  const key = (c: CheckResult): string => (by === 'family' ? familyName(c.kind) : c.kind);
  const order: readonly string[] = by === 'family' ? FAMILIES : CHECK_KINDS;
  const present = new Set(report.checks.map(key));
  const columns = [...order.filter((c) => present.has(c)), ...[...present].filter((c) => !order.includes(c)).sort()];
  const stages = [...report.stages, ...report.checks.map((c) => c.stage).filter((s) => !report.stages.includes(s))];
  const rows = [...new Set(stages)].map((stage): MatrixRow => {
    const cells: Record<string, Counts> = Object.fromEntries(columns.map((c) => [c, emptyCounts()]));
    const total = emptyCounts();
    for (const check of report.checks) {
      if (check.stage !== stage) continue;
      const cell = cells[key(check)];
      if (cell) cell[check.status] += 1;
      total[check.status] += 1;
    }
    return { stage, cells, total };
  });
  return { columns, rows: rows.filter((r) => r.total.passed + r.total.failed + r.total.skipped > 0 || report.checks.length === 0) };
}

export const failedChecks = (report: Pick<GateReport, 'checks'>): CheckResult[] => report.checks.filter((c) => c.status === 'failed');
