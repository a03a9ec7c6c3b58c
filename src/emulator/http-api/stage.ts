import type { GateproofConfig, StageConfig } from '../../config/load.ts';
import type { IntegrationBuilder } from '../../gateway/integration.ts';
import { Router } from '../../gateway/router.ts';
import type { GatewayModel, Operation } from '../../openapi/model.ts';
import { StageThrottle } from '../buckets.ts';
import type { Canned, ResponseCatalog } from '../catalog.ts';
import type { Backend, Forwarded } from '../exchange.ts';
import type { FaultSet } from '../faults.ts';
import { answering, exposedOn } from '../stage.ts';
import { HttpAuthorizers, type HttpAuthCheck } from './authorizers.ts';

/** One route of an HTTP API stage, computed once at start. */
export interface HttpRoute extends Forwarded {
  op: Operation;
  /** auth-bypass: the route's authorizer is skipped. */
  bypass: boolean;
  auth: HttpAuthCheck;
  target: Operation;
  integration?: IntegrationBuilder;
  /** A MOCK integration's answer (HTTP APIs have none; answered like a REST API's so the gate's oracle agrees). */
  mock?: Canned;
  drift?: Canned;
}

export interface HttpStage {
  name: string;
  config: StageConfig;
  /** Routes by route and method (a more specific resource without the method does not stop the search). */
  router: Router;
  routes: Map<string, HttpRoute>;
  /** The `$default` route: what no other route matches. */
  defaultRoute?: HttpRoute;
  /** A bucket per route: DefaultRouteSettings (`throttle`), RouteSettings (`operationThrottle`). */
  throttle: StageThrottle;
  backend: Backend;
}

export interface HttpStageInput {
  name: string;
  config: GateproofConfig;
  model: GatewayModel;
  faults: FaultSet;
  catalog: ResponseCatalog;
  backend: Backend;
}

export function buildHttpStage({ name, config, model, faults, catalog, backend }: HttpStageInput): HttpStage {
  const stage = config.stages[name]!;
  const exposed = exposedOn(name, config, model);
  const authorizers = new HttpAuthorizers(stage, faults);
  const routes = new Map<string, HttpRoute>();
  for (const op of exposed) {
    const answer = answering(op, { stage, model, faults, catalog });
    // The $default route sends the request path to its integration as it came.
    routes.set(op.key, { op, bypass: faults.authBypass.has(op.key), auth: authorizers.compile(op), ...answer, fullPath: answer.target.defaultRoute === true });
  }
  const defaultOp = exposed.find((op) => op.defaultRoute);
  return {
    name,
    config: stage,
    router: new Router(
      exposed.filter((op) => !op.defaultRoute),
      { methodFallThrough: true },
    ),
    routes,
    defaultRoute: defaultOp ? routes.get(defaultOp.key) : undefined,
    throttle: new StageThrottle(stage, faults),
    backend,
  };
}
