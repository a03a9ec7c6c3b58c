import { expectedIntegrationRequest } from '../../gateway/integration.ts';
import type { Operation } from '../../openapi/model.ts';
import type { CheckContext } from '../context.ts';
import type { BuiltRequest } from '../../request/build.ts';
import { compareBackend, compareRoute } from '../../oracle/compare.ts';
import { expectedBackend, oracleSource, readBackend } from '../../oracle/backend.ts';

export interface OracleFindings {
  /** What the oracle should show, for the check's `expected` text; undefined when there is nothing to observe. */
  expected?: string;
  problems: string[];
}

/**
 * Whether the request reached this stage's backend through the operation's integration: the backend's
 * identity, and with the echo oracle also the method, path and query the backend received.
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
  if (oracle.type !== 'echo') return { expected: `backend "${backend}" (${oracleSource(oracle)})`, problems };
  const route = expectedIntegrationRequest(op, ctx.stage, built.sampled.pathParams, built.sampled.query, built.sampled.method);
  if (route && view?.route) problems.push(...compareRoute(route, view.route, built.credentialQuery));
  const routeText = route
    ? ` saw ${route.method} ${route.path}${Object.keys(route.query).length ? `?${new URLSearchParams(route.query).toString()}` : ''}`
    : '';
  return { expected: `backend "${backend}"${routeText} (${oracleSource(oracle)})`, problems };
}
