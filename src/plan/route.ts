import { isSecured } from '../auth/classify.ts';
import { Router } from '../gateway/router.ts';
import type { Operation } from '../openapi/model.ts';
import { declaredValidation, hasValidatableRequest, validationProbes } from '../gateway/validation.ts';
import { addForOperation, groupByPath, reachesBackend, representative, type StagePlan } from './stage-plan.ts';
import { isHttpApi } from '../gateway/http-api.ts';

const UNKNOWN_SEGMENT = 'gateproof-undeclared-route';

/**
 * The request route.unknown probes (route.attribution also uses it for a gateway-made error): a path that no
 * declared route matches, greedy and parameter segments included (`/{folder}` matches any one segment, so
 * the probe goes one segment deeper than the deepest route). Undefined when a root catch-all (`/{proxy+}`)
 * serves every path: then nothing is undeclared. Pure.
 */
export function undeclaredRoute(operations: readonly Operation[]): { method: 'GET'; path: string } | undefined {
  const router = new Router(operations);
  const depth = Math.max(0, ...operations.map((o) => o.path.split('/').filter(Boolean).length));
  for (let segments = 1; segments <= depth + 1; segments++) {
    const path = `/${Array.from({ length: segments }, () => UNKNOWN_SEGMENT).join('/')}`;
    if (router.match('GET', path).kind === 'none') return { method: 'GET', path };
  }
  return undefined;
}

/** The root catch-all that covers every path, when there is one. */
const rootCatchAll = (operations: readonly Operation[]): Operation | undefined =>
  operations.find((o) => o.greedy && o.path.split('/').filter(Boolean).length === 1);

const METHOD_CANDIDATES = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'] as const;

/** route.*: every operation is mapped; undeclared paths and methods never reach a backend; errors are the gateway's. */
export function planRoute(plan: StagePlan): void {
  for (const op of plan.exposed) {
    addForOperation(plan, 'route.mapped', op, {});
    if (reachesBackend(op)) addForOperation(plan, 'route.attribution', op, {});
    planValidation(plan, op);
  }
  const unknown = undeclaredRoute(plan.exposed);
  if (unknown) plan.add('route.unknown', `${unknown.method} ${unknown.path}`, unknown);
  else {
    const probe = { method: 'GET', path: `/${UNKNOWN_SEGMENT}` };
    plan.add('route.unknown', `${probe.method} ${probe.path}`, { ...probe, coveredBy: rootCatchAll(plan.exposed)?.key ?? 'the declared routes' });
  }
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
    // HTTP APIs have no request validators: plan says so once (gateway/http-api.ts), not once per operation.
    if (hasValidatableRequest(op) && !isHttpApi(plan.config, plan.model)) addForOperation(plan, 'route.validation', op, { validation: null, probes: [] });
    return;
  }
  const probes = validationProbes(op, validation);
  if (probes.length > 0) addForOperation(plan, 'route.validation', op, { validation, probes });
}
