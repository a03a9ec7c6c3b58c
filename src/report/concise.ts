import type { CheckResult, Evidence } from '../domain/result.ts';

/** Exchanges a check that did not fail keeps: enough to show what was sent. */
const KEPT_EXCHANGES = 3;

/**
 * A check as reports keep it: a failure whole; any other check with the request line, status, time and note
 * of its first exchanges and the request headers of the first (what it sent, credentials masked), without
 * response headers and bodies: a passed check's 403 body, request id and date repeat thousands of times in
 * a big run and prove nothing its `actual` does not say. Idempotent.
 */
export function concise(result: CheckResult): CheckResult {
  if (result.status === 'failed') return result;
  return { ...result, evidence: result.evidence.slice(0, KEPT_EXCHANGES).map((e, i) => requestAndStatus(e, i === 0)) };
}

const requestAndStatus = (e: Evidence, withHeaders: boolean): Evidence => ({
  request: e.request,
  ...(withHeaders && e.requestHeaders ? { requestHeaders: e.requestHeaders } : {}),
  ...(e.status !== undefined ? { status: e.status } : {}),
  ...(e.durationMs !== undefined ? { durationMs: e.durationMs } : {}),
  ...(e.note ? { note: e.note } : {}),
});
