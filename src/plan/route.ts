import { isSecured } from '../auth/classify.ts';
import type { Operation } from '../openapi/model.ts';
import { declaredValidation, hasValidatableRequest, validationProbes } from '../gateway/validation.ts';
import { addForOperation, groupByPath, reachesBackend, representative, type StagePlan } from './stage-plan.ts';

/** The path route.unknown probes: declared by no spec (route.attribution also uses it for a gateway-made error). */
export const UNKNOWN_ROUTE = { method: 'GET', path: '/gateproof-undeclared-route' } as const;
const METHOD_CANDIDATES = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'] as const;

/** route.*: every operation is mapped; undeclared paths and methods never reach a backend; errors are the gateway's. */
export function planRoute(plan: StagePlan): void {
  for (const op of plan.exposed) {
    addForOperation(plan, 'route.mapped', op, {});
    if (reachesBackend(op)) addForOperation(plan, 'route.attribution', op, {});
    planValidation(plan, op);
  }
  plan.add('route.unknown', `${UNKNOWN_ROUTE.method} ${UNKNOWN_ROUTE.path}`, { ...UNKNOWN_ROUTE });
  const corsOp = plan.exposed.find((o) => isSecured(o) && reachesBackend(o)) ?? representative(plan.exposed);
  if (corsOp) addForOperation(plan, 'route.cors', corsOp, {});
  for (const [path, ops] of groupByPath(plan.exposed)) {
    const declared = new Set(ops.map((o) => o.method));
    if (declared.has('ANY')) continue;
    const method = METHOD_CANDIDATES.find((m) => !declared.has(m));
    if (method) plan.add('route.method', `${method} ${path}`, { method, path });
  }
}

/**
 * route.validation: a validated operation gets its invalid requests; one with something to validate (a JSON
 * body, a required parameter) that nothing declares validated is planned without probes and reported as a
 * warning. A validated operation with nothing to violate is left out.
 */
function planValidation(plan: StagePlan, op: Operation): void {
  const validation = declaredValidation(op, plan.config);
  if (!validation) {
    if (hasValidatableRequest(op)) addForOperation(plan, 'route.validation', op, { validation: null, probes: [] });
    return;
  }
  const probes = validationProbes(op, validation);
  if (probes.length > 0) addForOperation(plan, 'route.validation', op, { validation, probes });
}
