import type { GateReport } from '../domain/result.ts';

/** Errors that mean the target could not be reached or a required tool is missing (exit 3, see README "Exit codes"). */
const UNREACHABLE =
  /TARGET_UNREACHABLE|TOOL_MISSING|TOOL_FAILED|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|ECONNRESET|could not be reached|unreachable|not found on PATH|is not installed/i;

/**
 * The exit code of a built report: 0 pass, 1 fail, and for an "error" verdict 3 when every error is an
 * unreachable target or a missing tool, else 2. Part writers should start such errors with the error code
 * (`TARGET_UNREACHABLE: ...`, `TOOL_MISSING: ...`).
 */
export function exitCodeOf(report: Pick<GateReport, 'verdict' | 'errors'>): 0 | 1 | 2 | 3 {
  if (report.verdict === 'pass') return 0;
  if (report.verdict === 'fail') return 1;
  const errors = report.errors ?? [];
  return errors.length > 0 && errors.every((e) => UNREACHABLE.test(e)) ? 3 : 2;
}
