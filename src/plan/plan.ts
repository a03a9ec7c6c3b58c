import { isSecured, requiredKinds } from '../auth/classify.ts';
import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';
import { effectiveLimits } from '../gateway/limits.ts';
import { checkId, checkTitle, type Check, type CheckParams } from '../domain/check.ts';
import { JWT_KINDS, familyOf, isSerialKind, type CheckKind } from '../domain/kinds.ts';

export interface PlanOptions {
  /** Restrict to these stages (all when empty). */
  stages?: string[];
  /** Keep only checks whose kind passes. */
  only?: (kind: CheckKind) => boolean;
  /** Subjects of contract.verify / contract.spec checks (pact interactions), when pacts exist. */
  interactions?: { description: string; operation: string }[];
  /** Names of load thresholds per stage, when load runs. */
  loadThresholds?: { stage: string; name: string; operation: string }[];
}

export const UNKNOWN_ROUTE = 'GET /gateproof-undeclared-route';
const METHOD_CANDIDATES = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'] as const;

/** The plan: a pure function of the model and the config. Same inputs, same checks, same order. */
export function plan(model: GatewayModel, config: GateproofConfig, options: PlanOptions = {}): Check[] {
  const stageNames = Object.keys(config.stages).filter((s) => !options.stages?.length || options.stages.includes(s));
  const checks: Check[] = [];
  const add = (stage: string, kind: CheckKind, operation: string, params: CheckParams = {}): void => {
    checks.push({ id: checkId(stage, kind, operation), kind, family: familyOf(kind), stage, operation, title: checkTitle(stage, kind, operation), serial: isSerialKind(kind), params });
  };
  for (const stage of stageNames) {
    const stageConfig = config.stages[stage]!;
    const others = Object.keys(config.stages).filter((s) => s !== stage);
    const exposed = model.operations.filter((op) => isExposed(op, stage, config));
    for (const op of exposed) planOperation(op, stage, others, add);
    for (const op of model.operations) {
      const stagesForOp = config.exposure[op.key];
      if (stagesForOp) add(stage, 'stage.exposure', op.key, { expectPresent: stagesForOp.includes(stage) });
    }
    add(stage, 'route.unknown', UNKNOWN_ROUTE);
    const corsOp = exposed.find((o) => isSecured(o) && reachesBackend(o)) ?? representative(exposed);
    if (corsOp) add(stage, 'route.cors', corsOp.key);
    for (const [path, ops] of groupByPath(exposed)) {
      const declared = new Set(ops.map((o) => o.method));
      if (declared.has('ANY')) continue;
      const method = METHOD_CANDIDATES.find((m) => !declared.has(m));
      if (method) add(stage, 'route.method', `${method} ${path}`, { method });
    }
    const routingOp = representative(exposed);
    if (routingOp && stageConfig.oracle.type !== 'none') add(stage, 'stage.routing', routingOp.key);
    planThrottle(stage, stageConfig, exposed, others, add);
  }
  for (const interaction of options.interactions ?? []) {
    for (const stage of stageNames) add(stage, 'contract.verify', `${interaction.operation} ${interaction.description}`.trim(), { subject: interaction.description });
  }
  for (const t of options.loadThresholds ?? []) add(t.stage, 'load.threshold', t.operation, { subject: t.name });
  const only = options.only ?? (() => true);
  return orderSerialLast(checks.filter((c) => only(c.kind)));
}

function planOperation(op: Operation, stage: string, others: string[], add: (s: string, k: CheckKind, o: string, p?: CheckParams) => void): void {
  const kinds = requiredKinds(op);
  if (isSecured(op)) {
    add(stage, 'auth.missing', op.key);
    if (kinds.includes('apiKey')) add(stage, 'auth.invalid-key', op.key);
    if (kinds.includes('jwt')) for (const kind of JWT_KINDS) add(stage, kind, op.key);
    add(stage, 'auth.path-variants', op.key);
    if (others.length > 0 && (kinds.includes('apiKey') || kinds.includes('jwt'))) add(stage, 'stage.key-isolation', op.key, { otherStages: others });
  } else {
    add(stage, 'auth.public-open', op.key);
  }
  add(stage, 'route.mapped', op.key);
  if (reachesBackend(op)) add(stage, 'route.attribution', op.key);
}

function planThrottle(stage: string, cfg: StageConfig, exposed: Operation[], others: string[], add: (s: string, k: CheckKind, o: string, p?: CheckParams) => void): void {
  const protectedStage = cfg.protected;
  const probe = cheapestProbe(exposed, cfg);
  if (cfg.throttle && probe) {
    const limits = { ...effectiveLimits(cfg, probe)!, scope: 'stage' as const };
    for (const kind of ['throttle.burst', 'throttle.rate', 'throttle.recovery'] as const) add(stage, kind, probe.key, { limits, protectedStage });
    if (others.length > 0) add(stage, 'stage.throttle-isolation', probe.key, { limits, otherStages: others, protectedStage });
  }
  for (const [opKey] of Object.entries(cfg.operationThrottle)) {
    const op = exposed.find((o) => o.key === opKey);
    if (!op || (cfg.throttle && probe?.key === opKey)) continue;
    const limits = { ...effectiveLimits(cfg, op)!, scope: 'operation' as const };
    for (const kind of ['throttle.burst', 'throttle.rate', 'throttle.recovery'] as const) add(stage, kind, op.key, { limits, protectedStage });
  }
  if (cfg.quota) {
    const quotaOp = exposed.find((o) => requiredKinds(o).length === 1 && requiredKinds(o)[0] === 'apiKey' && o.method === 'GET') ?? exposed.find((o) => o.apiKeyRequired);
    if (quotaOp) add(stage, 'throttle.quota', quotaOp.key, { quota: cfg.quota, protectedStage });
  }
}

/** A GET that reaches a backend, with the fewest credentials and parameters: cheap to repeat. */
function cheapestProbe(ops: Operation[], cfg: StageConfig): Operation | undefined {
  const candidates = ops.filter((o) => o.method === 'GET' && !o.greedy && !Object.hasOwn(cfg.operationThrottle, o.key));
  const score = (o: Operation): number => requiredKinds(o).filter((k) => k !== 'apiKey').length * 10 + o.parameters.filter((p) => p.required).length;
  return [...candidates].sort((a, b) => score(a) - score(b))[0] ?? ops.find((o) => o.method === 'GET');
}

const representative = (ops: Operation[]): Operation | undefined => ops.find((o) => o.method === 'GET' && reachesBackend(o) && !o.greedy) ?? ops.find(reachesBackend);

export const reachesBackend = (op: Operation): boolean => op.integration === undefined || op.integration.type !== 'mock';

export const isExposed = (op: Operation, stage: string, config: Pick<GateproofConfig, 'exposure'>): boolean => {
  const only = config.exposure[op.key];
  return only === undefined || only.includes(stage);
};

function groupByPath(ops: Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const op of ops) groups.set(op.path, [...(groups.get(op.path) ?? []), op]);
  return groups;
}

const orderSerialLast = (checks: Check[]): Check[] => [...checks.filter((c) => !c.serial), ...checks.filter((c) => c.serial)];
