import { requiredKinds } from '../auth/classify.ts';
import type { GateproofConfig, StageConfig } from '../config/load.ts';
import { checkId, checkTitle, type Check, type ParamsOf } from '../domain/check.ts';
import { familyOf, isSerialKind, type CheckKind } from '../domain/kinds.ts';
import type { GatewayModel, Operation } from '../openapi/model.ts';

/** What each family's planner sees of one stage. */
export interface StagePlan {
  model: GatewayModel;
  config: GateproofConfig;
  stage: string;
  stageConfig: StageConfig;
  /** The other stages of the config (stage.* checks). */
  others: string[];
  /** The operations deployed on this stage (config `exposure`). */
  exposed: Operation[];
  /** Operations the token-validation kinds run on (a sample per authorizer, see sample.ts). */
  tokenRoutes: ReadonlySet<string>;
  add: AddCheck;
}

/** Adds a check; `target` is what its id names ("METHOD /path"), `operation` the spec operation it tests. */
type AddCheck = <K extends CheckKind>(kind: K, target: string, params: ParamsOf<K>, operation?: string) => void;

export function makeCheck<K extends CheckKind>(stage: string, kind: K, target: string, params: ParamsOf<K>, operation?: string): Check<K> {
  const check = {
    id: checkId(stage, kind, target),
    kind,
    family: familyOf(kind),
    stage,
    target,
    ...(operation ? { operation } : {}),
    title: checkTitle(stage, kind, target),
    serial: isSerialKind(kind),
    params,
  };
  // One place widens the literal to the kind-indexed union (TypeScript cannot narrow a generic conditional type).
  return check as Check<K>;
}

/** Checks of one operation: the target is the operation itself. */
export const addForOperation = <K extends CheckKind>(plan: StagePlan, kind: K, op: Operation, params: ParamsOf<K>): void =>
  plan.add(kind, op.key, params, op.key);

export const reachesBackend = (op: Operation): boolean => op.integration === undefined || op.integration.type !== 'mock';

export const isExposed = (op: Operation, stage: string, config: Pick<GateproofConfig, 'exposure'>): boolean => {
  const only = config.exposure[op.key];
  return only === undefined || only.includes(stage);
};

/** A GET that reaches a backend (not a greedy proxy), else any operation that reaches one. */
export const representative = (ops: Operation[]): Operation | undefined =>
  ops.find((o) => o.method === 'GET' && reachesBackend(o) && !o.greedy) ?? ops.find(reachesBackend);

/** Operations by path template, in spec order. */
export function groupByPath(ops: Operation[]): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const op of ops) groups.set(op.path, [...(groups.get(op.path) ?? []), op]);
  return groups;
}

/** How costly an operation is to repeat (throttle probes): credentials beyond an API key weigh most, then required parameters. */
export const probeCost = (o: Operation): number => requiredKinds(o).filter((k) => k !== 'apiKey').length * 10 + o.parameters.filter((p) => p.required).length;
