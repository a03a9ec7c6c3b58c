import type { ProfileName, rejectionKinds } from '../config/schema.ts';

export type RejectionKind = (typeof rejectionKinds)[number];

/** What one kind of gateway-generated rejection looks like. */
export interface Expectation {
  statuses: number[];
  /** Regular expression source the body must match. */
  body?: string;
  /** Lower-case header name -> regular expression source. */
  headers: Record<string, string>;
}

export interface Profile {
  name: ProfileName;
  rejections: Record<RejectionKind, Expectation>;
  /** Headers every gateway-generated error carries (route.attribution). */
  errorSignature: Record<string, string>;
  /** Backend identity headers that must not pass through. */
  leakHeaders: string[];
  /** Whether the gateway has API keys / usage plans at all. */
  supportsApiKeys: boolean;
}

export interface ResponseLike {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Which part of an expectation a response broke; empty when it matches. */
export function mismatches(expectation: Expectation, response: ResponseLike): string[] {
  const problems: string[] = [];
  if (!expectation.statuses.includes(response.status)) problems.push(`status ${response.status} not in [${expectation.statuses.join(', ')}]`);
  if (expectation.body !== undefined && !new RegExp(expectation.body).test(response.body)) {
    problems.push(`body does not match /${expectation.body}/`);
  }
  for (const [name, pattern] of Object.entries(expectation.headers)) {
    const value = response.headers[name.toLowerCase()];
    if (value === undefined || !new RegExp(pattern).test(value))
      problems.push(`header ${name} ${value === undefined ? 'missing' : `"${value}"`} does not match /${pattern}/`);
  }
  return problems;
}

export const matches = (expectation: Expectation, response: ResponseLike): boolean => mismatches(expectation, response).length === 0;

/** Union of several expectations: any of them may hold (e.g. an operation needing both a key and a JWT). */
export function anyOf(expectations: Expectation[]): (response: ResponseLike) => string[] {
  return (response) => {
    const all = expectations.map((e) => mismatches(e, response));
    return all.some((m) => m.length === 0) ? [] : all.flat();
  };
}
