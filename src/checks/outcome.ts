import type { HttpResponse } from '../http/client.ts';
import type { Evidence } from '../domain/result.ts';
import type { CheckOutcome } from './context.ts';

/** Outcome builders: a check lists what it saw wrong; no problems means it passed. */

export const passed = (expected: string, actual: string, evidence: Evidence[], data?: CheckOutcome['data']): CheckOutcome => ({
  status: 'passed',
  expected,
  actual,
  evidence,
  ...(data ? { data } : {}),
});

export const failed = (expected: string, actual: string, evidence: Evidence[], data?: CheckOutcome['data']): CheckOutcome => ({
  status: 'failed',
  expected,
  actual,
  evidence,
  ...(data ? { data } : {}),
});

/** Passed with `actual` when `problems` is empty, else failed with the problems as the actual. */
export function judge(expected: string, problems: string[], actual: string, evidence: Evidence[]): CheckOutcome {
  return problems.length === 0 ? passed(expected, actual, evidence) : failed(expected, `${actual}: ${problems.join('; ')}`, evidence);
}

/** "403 {"message":"Forbidden"}": the status and the start of the body, on one line. */
export function describeResponse(response: Pick<HttpResponse, 'status' | 'body'>, bodyChars = 80): string {
  const body = response.body.replace(/\s+/g, ' ').trim();
  const cut = body.length > bodyChars ? `${body.slice(0, bodyChars)}…` : body;
  return cut ? `${response.status} ${cut}` : `${response.status}`;
}

export const is2xx = (status: number): boolean => status >= 200 && status < 300;
