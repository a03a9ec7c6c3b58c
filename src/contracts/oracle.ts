import { compareBackend, compareRoute } from '../oracle/compare.ts';
import { expectedBackend, oracleSource, readBackend } from '../oracle/backend.ts';
import type { StageConfig } from '../config/load.ts';
import { expectedIntegrationRequest } from '../gateway/integration.ts';
import type { Operation } from '../openapi/model.ts';
import type { PactInteraction } from './pact-file.ts';
import type { RecordedExchange } from './request-filter.ts';

/**
 * Beyond Pact's own matching: when the answer carries the stage's route oracle (the echo backend's record, or
 * a configured identity header / body field), it must come from this stage's backend through the operation's
 * integration. Two routes with the same response shape swapped, or a stage wired to another stage's backend,
 * satisfy the pact's matchers but not this. An answer without an oracle says nothing either way.
 */
export function oracleProblems(
  stageName: string,
  stage: StageConfig,
  op: Operation | undefined,
  pathParams: Record<string, string>,
  interaction: PactInteraction,
  exchange: RecordedExchange | undefined,
): string[] {
  if (!op || !exchange?.responseHeaders || stage.oracle.type === 'none' || op.integration?.type === 'mock') return [];
  const view = readBackend(stage.oracle, { headers: exchange.responseHeaders, body: exchange.bodyExcerpt ?? '' });
  if (!view) return [];
  const problems = compareBackend(expectedBackend(stage.oracle, stageName), view, oracleSource(stage.oracle));
  if (stage.oracle.type === 'echo' && view.route) {
    const query = Object.fromEntries(Object.entries(interaction.request.query).map(([k, v]) => [k, v[0] ?? '']));
    const route = expectedIntegrationRequest(op, stage, pathParams, query, interaction.request.method);
    const credentialQuery = Object.keys(query).filter((k) => /key|token/i.test(k) && !op.parameters.some((p) => p.in === 'query' && p.name === k));
    if (route) problems.push(...compareRoute(route, view.route, credentialQuery));
  }
  return problems.map((p) => `route oracle: ${p}`);
}
