import type { ProfileName, rejectionKinds } from '../config/schema.ts';
import type { CheckKind } from '../domain/kinds.ts';

export type RejectionKind = (typeof rejectionKinds)[number];

/**
 * What one kind of gateway-generated rejection looks like. The statuses are the family a rejection of this
 * cause must be in, always. The wording (body and cause-specific headers) is the gateway's own: required only
 * in the profile's strict mode; otherwise a different wording is a warning.
 */
export interface Expectation {
  statuses: number[];
  /** Regular expression source the body matches (the gateway's wording). */
  body?: string;
  /** Cause-specific headers, lower-case name -> regular expression source (e.g. x-amzn-errortype: ^ForbiddenException). */
  headers: Record<string, string>;
}

export interface Profile {
  name: ProfileName;
  rejections: Record<RejectionKind, Expectation>;
  /**
   * Headers that mark an answer as the gateway's own (every gateway-generated error carries them): required on
   * every rejection, strict or not, and checked by route.attribution. Empty when the gateway has none.
   */
  errorSignature: Record<string, string>;
  /** Exact wording (body and cause-specific headers) is required, not only warned about. */
  strict: boolean;
  /** Backend identity headers that must not pass through. */
  leakHeaders: string[];
  /** Whether the gateway has API keys / usage plans at all. */
  supportsApiKeys: boolean;
  /**
   * What this gateway is known not to enforce, by check kind: a failure of that kind is a real finding, and
   * its message says so (e.g. Kong's OSS jwt plugin never checks `aud`).
   */
  knownGaps: Partial<Record<CheckKind, string>>;
}

export interface ResponseLike {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The answer to a HEAD request: it has no body to compare. */
  bodyless?: boolean;
}

/** Which part of an expectation (status, wording, headers) a response broke; empty when it matches. */
export function mismatches(expectation: Expectation, response: ResponseLike): string[] {
  const problems: string[] = [];
  if (!expectation.statuses.includes(response.status)) problems.push(`status ${response.status} not in [${expectation.statuses.join(', ')}]`);
  problems.push(...wordingMismatches(expectation, response), ...headerMismatches(expectation.headers, response));
  return problems;
}

/** The body against the expectation's wording, unless the body was not sent (a HEAD answer has none). */
export function wordingMismatches(expectation: Pick<Expectation, 'body'>, response: ResponseLike, options: { bodySent?: boolean } = {}): string[] {
  if (expectation.body === undefined || options.bodySent === false || response.bodyless) return [];
  return new RegExp(expectation.body).test(response.body) ? [] : [`body does not match /${expectation.body}/`];
}

/** Headers against lower-case name -> regular expression source. */
export function headerMismatches(headers: Record<string, string>, response: ResponseLike): string[] {
  const problems: string[] = [];
  for (const [name, pattern] of Object.entries(headers)) {
    const value = response.headers[name.toLowerCase()];
    if (value === undefined || !new RegExp(pattern).test(value))
      problems.push(`header ${name} ${value === undefined ? 'missing' : `"${value}"`} does not match /${pattern}/`);
  }
  return problems;
}
