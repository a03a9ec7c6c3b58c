import type { GateproofConfig } from '../config/load.ts';
import type { Check } from '../domain/check.ts';
import type { CheckKind } from '../domain/kinds.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { planAuth } from './auth.ts';
import { planRoute } from './route.ts';
import { planStage } from './stage.ts';
import { isExposed, makeCheck, type StagePlan } from './stage-plan.ts';
import { planThrottle } from './throttle.ts';

export interface PlanOptions {
  /** Restrict to these stages (all when empty). */
  stages?: string[];
  /** Keep only checks whose kind passes. */
  only?: (kind: CheckKind) => boolean;
  /** Subjects of contract.verify checks (pact interactions), when pacts exist. */
  interactions?: { description: string; operation: string }[];
  /** Names of load thresholds per stage, when load runs. */
  loadThresholds?: { stage: string; name: string; operation: string }[];
}

const FAMILY_PLANNERS = [planAuth, planRoute, planStage, planThrottle];

/** The plan: a pure function of the model and the config. Same inputs, same checks, same order. */
export function plan(model: GatewayModel, config: GateproofConfig, options: PlanOptions = {}): Check[] {
  const stageNames = Object.keys(config.stages).filter((s) => !options.stages?.length || options.stages.includes(s));
  const checks: Check[] = [];
  for (const stage of stageNames) {
    const stagePlan: StagePlan = {
      model,
      config,
      stage,
      stageConfig: config.stages[stage]!,
      others: Object.keys(config.stages).filter((s) => s !== stage),
      exposed: model.operations.filter((op) => isExposed(op, stage, config)),
      add: (kind, target, params, operation) => checks.push(makeCheck(stage, kind, target, params, operation)),
    };
    for (const planFamily of FAMILY_PLANNERS) planFamily(stagePlan);
  }
  for (const interaction of options.interactions ?? []) {
    for (const stage of stageNames) {
      checks.push(
        makeCheck(
          stage,
          'contract.verify',
          `${interaction.operation} ${interaction.description}`.trim(),
          { subject: interaction.description },
          interaction.operation || undefined,
        ),
      );
    }
  }
  for (const t of options.loadThresholds ?? [])
    checks.push(makeCheck(t.stage, 'load.threshold', t.operation, { subject: t.name }, t.operation === '*' ? undefined : t.operation));
  const only = options.only ?? (() => true);
  return orderSerialLast(checks.filter((c) => only(c.kind)));
}

const orderSerialLast = (checks: Check[]): Check[] => [...checks.filter((c) => !c.serial), ...checks.filter((c) => c.serial)];
