import { isSecured } from '../auth/classify.ts';
import type { Operation } from '../openapi/model.ts';
import { addForOperation, reachesBackend, representative, type StagePlan } from './stage-plan.ts';

/** The path route.unknown probes: declared by no spec (route.attribution also uses it for a gateway-made error). */
export const UNKNOWN_ROUTE = { method: 'GET', path: '/gateproof-undeclared-route' } as const;
const METHOD_CANDIDATES = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'] as const;

/** route.*: every operation is mapped; undeclared paths and methods never reach a backend; errors are the gateway's. */
export function planRoute(plan: StagePlan): void {
  for (const op of plan.exposed) {
    addForOperation(plan, 'route.mapped', op, {});
    if (reachesBackend(op)) addForOperation(plan, 'route.attribution', op, {});
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

function groupByPath(ops: Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const op of ops) groups.set(op.path, [...(groups.get(op.path) ?? []), op]);
  return groups;
}
