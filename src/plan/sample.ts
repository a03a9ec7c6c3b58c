import { credentialKind } from '../auth/classify.ts';
import { fnv1a } from '../domain/hash.ts';
import type { TokenSample } from '../domain/run-info.ts';
import type { GateproofConfig } from '../config/load.ts';
import type { Check } from '../domain/check.ts';
import { JWT_KINDS } from '../domain/kinds.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';
import { isExposed } from './stage-plan.ts';

/**
 * Where the token-validation checks run. An expired, forged, wrong-audience or unsigned token is judged by
 * the authorizer, and the routes behind one authorizer share it: the checks run per authorizer and stage on
 * a seeded sample of its routes (all of them with --exhaustive). A route that skips its authorizer is still
 * caught on every route by the per-route probes (auth.missing, auth.invalid-key, auth.path-variants). The
 * sample covers a small API whole and bounds a large one. Pure.
 */
export const TOKEN_SAMPLE_SIZE = 8;

/** The JWT authorizer a route's token goes to: the JWT schemes of its first security alternative (as the gate presents it). */
export function jwtAuthorizerOf(op: Pick<Operation, 'security'>): string | undefined {
  const names = (op.security[0] ?? []).filter((item) => credentialKind(item.scheme) === 'jwt').map((item) => item.scheme.name);
  return names.length > 0 ? names.join('+') : undefined;
}

/**
 * The sample of each authorizer's routes on a stage, in spec order. Each route ranks by a hash of the seed,
 * stage, authorizer and route, so the sample is reproducible and adding a route elsewhere never reshuffles it.
 */
export function sampleTokenRoutes(exposed: readonly Operation[], stage: string, seed: number, exhaustive = false): TokenSample[] {
  const byAuthorizer = new Map<string, Operation[]>();
  for (const op of exposed) {
    const authorizer = jwtAuthorizerOf(op);
    if (authorizer) byAuthorizer.set(authorizer, [...(byAuthorizer.get(authorizer) ?? []), op]);
  }
  return [...byAuthorizer].map(([authorizer, ops]) => {
    const rank = (op: Operation): number => fnv1a(`${seed}\u0000${stage}\u0000${authorizer}\u0000${op.key}`);
    const chosen = new Set(exhaustive ? ops : [...ops].sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key)).slice(0, TOKEN_SAMPLE_SIZE));
    return { stage, authorizer, routes: ops.filter((op) => chosen.has(op)).map((op) => op.key), of: ops.length };
  });
}

/** The samples behind a plan's token-validation checks, per stage (none when the plan has no such check). */
export function tokenSamplesOf(
  checks: readonly Check[],
  model: GatewayModel,
  config: Pick<GateproofConfig, 'exposure' | 'seed'>,
  exhaustive = false,
): TokenSample[] {
  const stages = [...new Set(checks.filter((c) => (JWT_KINDS as readonly string[]).includes(c.kind)).map((c) => c.stage))];
  return stages.flatMap((stage) =>
    sampleTokenRoutes(
      model.operations.filter((op) => isExposed(op, stage, config)),
      stage,
      config.seed,
      exhaustive,
    ),
  );
}
