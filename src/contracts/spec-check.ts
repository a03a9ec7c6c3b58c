import type { CheckResult } from '../domain/result.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { OperationMatcher } from './match.ts';
import type { Pact, PactInteraction } from './pact-file.ts';
import { compareWithSpec } from './spec-compare.ts';
import { contractCheckId, contractCheckTitle, nameInteractions } from './subject.ts';

/**
 * contract.spec checks are about the pact and the spec alone, not about a deployed stage: their `stage` is
 * "spec" (gate.json needs one, and a row of its own keeps them apart from the stages in the dashboard).
 */
export const SPEC_STAGE = 'spec';

/** One contract.spec check per HTTP interaction of the pacts. Pure. */
export function checkPactsAgainstSpec(pacts: Pact[], model: GatewayModel): CheckResult[] {
  const matcher = OperationMatcher.forModel(model);
  const interactions = pacts.flatMap((p) => p.interactions);
  const comparisons = new Map(interactions.map((i) => [i, compareWithSpec(i, model, matcher)]));
  const subjects = nameInteractions(interactions, (i) => comparisons.get(i)!.operationKey);
  return subjects.map((subject) => {
    const { interaction } = subject;
    const { problems, operationKey } = comparisons.get(interaction)!;
    const kind = 'contract.spec' as const;
    return {
      id: contractCheckId(SPEC_STAGE, kind, subject),
      kind,
      stage: SPEC_STAGE,
      operation: operationKey,
      status: problems.length ? 'failed' : 'passed',
      expected: `${interaction.consumer}'s interaction fits the spec: a declared ${interaction.request.method} path, schema-valid request and expected response, a documented status, the operation's credentials as placeholders`,
      actual: problems.length ? problems.join('; ') : `conforms to ${operationKey}`,
      evidence: [
        {
          request: `${interaction.request.method} ${requestTarget(interaction)}`,
          status: interaction.response.status,
          note: [`pact: ${interaction.source}`, ...problems].join('\n'),
        },
      ],
      title: contractCheckTitle(SPEC_STAGE, kind, subject),
    } satisfies CheckResult;
  });
}

export function requestTarget(interaction: PactInteraction): string {
  const query = new URLSearchParams(Object.entries(interaction.request.query).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]))).toString();
  return query ? `${interaction.request.path}?${query}` : interaction.request.path;
}
