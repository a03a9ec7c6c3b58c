import type { IntegrationRequest } from '../gateway/integration.ts';
import type { BackendView, ObservedRoute } from './backend.ts';

/** Pure comparisons of what the backend saw with what the spec and stage config say it should see. */

export function compareBackend(expected: string, view: BackendView | undefined, source: string): string[] {
  if (!view) return [`no backend identity in the ${source}`];
  return view.backend === expected ? [] : [`answered by backend "${view.backend}", expected "${expected}"`];
}

/**
 * Method, path and query the backend received vs the integration mapping, as far as the oracle shows them
 * (the echo oracle shows all three; a header/body oracle the fields it names). `ignoreQuery` names query
 * parameters that are not part of the mapping (credentials sent in the query string).
 */
export function compareRoute(expected: IntegrationRequest, actual: ObservedRoute, ignoreQuery: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (actual.method !== undefined && actual.method.toUpperCase() !== expected.method.toUpperCase())
    problems.push(`backend saw method ${actual.method}, expected ${expected.method}`);
  if (actual.path !== undefined && actual.path !== expected.path) problems.push(`backend saw path ${actual.path}, expected ${expected.path}`);
  if (actual.query === undefined) return problems;
  const seen = withoutKeys(actual.query, ignoreQuery);
  const wanted = withoutKeys(expected.query, ignoreQuery);
  const keys = [...new Set([...Object.keys(seen), ...Object.keys(wanted)])].sort();
  const off = keys.filter((k) => seen[k] !== wanted[k]);
  if (off.length > 0) problems.push(`backend saw query ${formatQuery(seen)}, expected ${formatQuery(wanted)}`);
  return problems;
}

const withoutKeys = (query: Record<string, string>, keys: readonly string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter(([k]) => !keys.includes(k)));

const formatQuery = (query: Record<string, string>): string => {
  const entries = Object.entries(query).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join('&');
};
