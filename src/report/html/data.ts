import type { CheckResult, Evidence, GateReport } from '../../domain/result.ts';

/**
 * The report as the page script reads it, small enough for a run of 15,000 checks (gate.json keeps every
 * byte). Text that repeats (stages, kinds, operations, expected and actual texts, the start of request
 * lines, notes) is stored once in `strings` and a check is a row of indexes; the evidence sits in a second
 * block that the page parses only when a check is opened.
 *
 *   checks[i]   = [stage, kind, operation, status, expected, actual, id?, title?]
 *                 string indexes; status 0 failed, 1 passed, 2 skipped; id and title only where they are not
 *                 `stage:kind:operation` and `[stage] operation › kind`
 *   evidence[i] = 0 (none) or [exchanges in gate.json, exchange, ...]
 *   exchange    = [request start, request rest, status, ms, note, request headers, response headers, body]
 *                 (the start a string index, note a string index or -1, absent values null, trailing ones left off)
 * Failed checks keep up to FAILED_EXCHANGES exchanges with headers and bodies (the first FULL_FAILURES failures; the
 * others their request lines); other checks their first exchange's request line and status.
 */
export interface PageData {
  strings: string[];
  checks: number[][];
}

const FAILED_EXCHANGES = 5;
const FULL_FAILURES = 300;
const BODY_CHARS = 1000;
const STATUS_CODE = { failed: 0, passed: 1, skipped: 2 } as const;

export function pageData(report: GateReport): { data: PageData; evidence: unknown[] } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const s = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) index.set(text, (i = strings.push(text) - 1));
    return i;
  };
  let failures = 0;
  const checks: number[][] = [];
  const evidence: unknown[] = [];
  for (const c of report.checks) {
    const row = [s(c.stage), s(c.kind), s(c.operation), STATUS_CODE[c.status], s(c.expected), s(c.actual)];
    const standardId = c.id === `${c.stage}:${c.kind}:${c.operation}`;
    const standardTitle = c.title === undefined || c.title === `[${c.stage}] ${c.operation} › ${c.kind}`;
    if (!standardId || !standardTitle) row.push(standardId ? -1 : s(c.id));
    if (!standardTitle) row.push(s(c.title!));
    checks.push(row);
    const full = c.status === 'failed' && failures++ < FULL_FAILURES;
    evidence.push(exchangesOf(c, full, s));
  }
  return { data: { strings, checks }, evidence };
}

function exchangesOf(c: CheckResult, full: boolean, s: (text: string) => number): unknown {
  if (c.evidence.length === 0) return 0;
  const shown = c.evidence.slice(0, c.status === 'failed' ? FAILED_EXCHANGES : 1);
  return [c.evidence.length, ...shown.map((e) => exchange(e, full, s))];
}

function exchange(e: Evidence, full: boolean, s: (text: string) => number): unknown[] {
  const [start, rest] = splitRequest(e.request);
  const out: unknown[] = [s(start), rest, e.status ?? null, e.durationMs === undefined ? null : Math.round(e.durationMs), e.note ? s(e.note) : -1];
  if (full) {
    const body = e.bodyExcerpt && e.bodyExcerpt.length > BODY_CHARS ? `${e.bodyExcerpt.slice(0, BODY_CHARS)}… (cut; gate.json has more)` : e.bodyExcerpt;
    out.push(e.requestHeaders ?? null, e.responseHeaders ?? null, body ?? null);
  }
  while (out.length > 5 && out[out.length - 1] === null) out.pop();
  return out;
}

/** "GET http://127.0.0.1:4010/dev/pets/1" -> ["GET http://127.0.0.1:4010/dev", "/pets/1"]: the start repeats across a stage. */
function splitRequest(request: string): [string, string] {
  const m = /^(\S+ [a-z][a-z0-9+.-]*:\/\/[^/\s]+\/[^/?\s]*)(.*)$/is.exec(request);
  return m ? [m[1]!, m[2]!] : ['', request];
}
