import { redactDeep, redactHeaders } from '../secrets/redact.ts';
import type { CheckResult, Evidence } from '../domain/result.ts';

/**
 * Removes credentials from anything bound for a report: every registered secret (redactDeep), and the values
 * of credential headers (Authorization, x-api-key, Cookie, ...) in evidence whatever they hold, so a key the
 * process never learned cannot leak either. Works on parts and reports alike (any object with `checks`).
 */
export function scrub<T>(value: T): T {
  const redacted = redactDeep(value);
  if (!redacted || typeof redacted !== 'object' || !Array.isArray((redacted as { checks?: unknown }).checks)) return redacted;
  const withChecks = redacted as T & { checks: unknown[] };
  return { ...withChecks, checks: withChecks.checks.map(scrubCheck) };
}

function scrubCheck(check: unknown): unknown {
  const c = check as Partial<CheckResult>;
  if (!c || typeof c !== 'object' || !Array.isArray(c.evidence)) return check;
  return { ...c, evidence: c.evidence.map(scrubEvidence) };
}

function scrubEvidence(e: Evidence): Evidence {
  if (!e || typeof e !== 'object') return e;
  const out = { ...e };
  if (isHeaderMap(e.requestHeaders)) out.requestHeaders = redactHeaders(e.requestHeaders);
  if (isHeaderMap(e.responseHeaders)) out.responseHeaders = redactHeaders(e.responseHeaders);
  return out;
}

const isHeaderMap = (h: unknown): h is Record<string, string> =>
  !!h && typeof h === 'object' && !Array.isArray(h) && Object.values(h).every((v) => typeof v === 'string');
