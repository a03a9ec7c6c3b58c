import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';
import { StageKeys } from './api-keys.ts';
import { StageAuthorizers, type AuthCheck, type Source } from './authorizers.ts';
import { StageThrottle } from './buckets.ts';
import type { Canned, ResponseCatalog } from './catalog.ts';
import type { FaultSet } from './faults.ts';
import { compileIntegration, type IntegrationBuilder } from '../gateway/integration.ts';
import { Quota } from './quota.ts';
import { Router } from '../gateway/router.ts';
import { compileRequestCheck, type RequestCheck } from './validate.ts';

/** Everything the request path needs for one operation on one stage, computed once at start. */
export interface CompiledRoute {
  op: Operation;
  /** auth-bypass: no authorizer and no API key check. */
  bypass: boolean;
  auth: AuthCheck;
  /** Where the API key travels, when the method requires one. */
  keySource?: Source;
  check: RequestCheck;
  /** The operation whose integration answers (route-swap changes it). */
  target: Operation;
  /** Backend request builder; undefined for MOCK integrations. */
  integration?: IntegrationBuilder;
  /** The MOCK answer, when the target integration is a mock. */
  mock?: Canned;
  /** status-drift: the undocumented answer replacing the integration's. */
  drift?: Canned;
}

export interface StageRuntime {
  name: string;
  config: StageConfig;
  router: Router;
  routes: Map<string, CompiledRoute>;
  throttle: StageThrottle;
  keys: StageKeys;
  /** The quota-limited key value and its quota. */
  quota?: { key: string; quota: Quota };
  /** The backend answering this stage (stage-swap may point elsewhere). */
  backend: { host: string; port: number };
}

export interface StageBuildInput {
  name: string;
  config: GateproofConfig;
  model: GatewayModel;
  faults: FaultSet;
  catalog: ResponseCatalog;
  backend: { host: string; port: number };
}

export function buildStage({ name, config, model, faults, catalog, backend }: StageBuildInput): StageRuntime {
  const stage = config.stages[name]!;
  const exposed = exposedOn(name, config, model);
  const authorizers = new StageAuthorizers(stage, faults);
  const keys = new StageKeys(name, config, model, faults.keyAnyStage);
  const routes = new Map<string, CompiledRoute>();
  for (const op of exposed) {
    routes.set(op.key, {
      op,
      bypass: faults.authBypass.has(op.key),
      auth: authorizers.compile(op),
      keySource: op.apiKeyRequired ? keys.sourceFor(op) : undefined,
      check: faults.validatorsOff ? () => undefined : compileRequestCheck(op, model.specVersion),
      ...answering(op, { stage, model, faults, catalog }),
    });
  }
  const quotaKey = stage.quota ? stage.credentials.apiKeys[stage.quota.key] : undefined;
  return {
    name,
    config: stage,
    router: new Router(exposed),
    routes,
    throttle: new StageThrottle(stage, faults),
    keys,
    quota: stage.quota && quotaKey !== undefined ? { key: quotaKey, quota: new Quota(stage.quota.limit, stage.quota.period) } : undefined,
    backend,
  };
}

/** The operations a stage serves (`exposure`). */
export const exposedOn = (stage: string, config: Pick<GateproofConfig, 'exposure'>, model: GatewayModel): Operation[] =>
  model.operations.filter((op) => config.exposure[op.key]?.includes(stage) ?? true);

/**
 * How a route's requests are answered: by the integration of its target operation (route-swap picks another
 * one), a MOCK integration's canned answer, or the undocumented answer of status-drift.
 */
export function answering(
  op: Operation,
  on: { stage: StageConfig; model: GatewayModel; faults: FaultSet; catalog: ResponseCatalog },
): Pick<CompiledRoute, 'target' | 'integration' | 'mock' | 'drift'> {
  const swapped = on.faults.routeSwap.get(op.key);
  const target = (swapped !== undefined ? on.model.operations.find((o) => o.key === swapped) : undefined) ?? op;
  const mock = target.integration?.type === 'mock';
  return {
    target,
    integration: mock ? undefined : withoutPathParams(compileIntegration(target, on.stage), on.faults.dropPathParam.has(op.key)),
    mock: mock ? on.catalog.successOf(target, mockStatus(target)) : undefined,
    drift: on.faults.statusDrift.has(op.key) ? on.catalog.driftOf(op) : undefined,
  };
}

/** drop-path-param: the integration request is built as if every path parameter were empty (/pets/{id} -> /pets/). */
function withoutPathParams(build: IntegrationBuilder, drop: boolean): IntegrationBuilder {
  if (!drop) return build;
  return (pathParams, query, method) => build(Object.fromEntries(Object.keys(pathParams).map((name) => [name, ''])), query, method);
}

/** A MOCK integration answers with its `responses.default.statusCode` when given, else the documented success. */
function mockStatus(op: Operation): number | undefined {
  const responses = op.integration?.responses as Record<string, { statusCode?: unknown }> | undefined;
  const status = Number(responses?.default?.statusCode);
  return Number.isInteger(status) && status >= 100 && status < 600 ? status : undefined;
}
