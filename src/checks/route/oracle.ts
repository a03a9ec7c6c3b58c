import { expectedIntegrationRequest, type IntegrationRequest } from '../../gateway/integration.ts';
import type { Operation } from '../../openapi/model.ts';
import type { CheckContext } from '../context.ts';
import type { BuiltRequest } from '../../request/build.ts';
import { compareBackend, compareRoute } from '../../oracle/compare.ts';
import { expectedBackend, oracleSource, readBackend, routeFields } from '../../oracle/backend.ts';

export interface OracleFindings {
  /** What the oracle should show, for the check's `expected` text; undefined when there is nothing to observe. */
  expected?: string;
  problems: string[];
}

/**
 * Whether the request reached this stage's backend through the operation's integration: the backend's
 * identity, and the method, path and query the backend received as far as the oracle shows them (the echo
 * record, or the `path` / `method` / `query` fields of a header or body oracle).
 */
export function routeOracle(
  ctx: Pick<CheckContext, 'stage' | 'check'>,
  op: Operation,
  built: BuiltRequest,
  response: { headers: Record<string, string>; body: string },
): OracleFindings {
  const oracle = ctx.stage.oracle;
  if (oracle.type === 'none' || op.integration?.type === 'mock') return { problems: [] };
  const backend = expectedBackend(oracle, ctx.check.stage);
  const view = readBackend(oracle, response);
  const problems = compareBackend(backend, view, oracleSource(oracle));
  const fields = routeFields(oracle);
  const route = fields.length > 0 ? expectedIntegrationRequest(op, ctx.stage, built.sampled.pathParams, built.sampled.query, built.sampled.method) : undefined;
  if (!route) return { expected: `backend "${backend}" (${oracleSource(oracle)})`, problems };
  if (view) {
    problems.push(...compareRoute(route, view.route ?? {}, built.credentialQuery));
    const unseen = fields.filter((f) => view.route?.[f] === undefined);
    if (unseen.length > 0)
      problems.push(
        `the answer does not show the ${unseen.join(', ')} the backend received (${unseen.map((f) => `oracle.${f}: ${oracle.type === 'echo' ? 'echo' : oracle[f]}`).join(', ')})`,
      );
  }
  return { expected: `backend "${backend}" saw ${describeRoute(route, fields)} (${oracleSource(oracle)})`, problems };
}

/** "GET /pets/abc?limit=5", or only the parts the oracle shows ("path /pets/abc"). */
function describeRoute(route: IntegrationRequest, fields: readonly (keyof IntegrationRequest)[]): string {
  const query = new URLSearchParams(route.query).toString();
  if (fields.length === 3) return `${route.method} ${route.path}${query ? `?${query}` : ''}`;
  const parts: string[] = [];
  if (fields.includes('method')) parts.push(`method ${route.method}`);
  if (fields.includes('path')) parts.push(`path ${route.path}`);
  if (fields.includes('query')) parts.push(`query ${query || '(none)'}`);
  return parts.join(', ');
}
