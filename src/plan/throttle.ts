import { requiredKinds } from '../auth/classify.ts';
import type { StageConfig } from '../config/load.ts';
import type { DeclaredLimits } from '../domain/check.ts';
import { effectiveLimits } from '../gateway/limits.ts';
import type { Operation } from '../openapi/model.ts';
import { probeBudget } from '../throttle-probe/budget.ts';
import { probeModel } from '../throttle-probe/window-schedule.ts';
import { planCoverage } from './throttle-coverage.ts';
import { addForOperation, probeCost, type StagePlan } from './stage-plan.ts';

const PROBED_KINDS = ['throttle.burst', 'throttle.rate', 'throttle.recovery'] as const;

/**
 * throttle.* and stage.throttle-isolation: the stage limit on its cheapest operation, each per-operation
 * override on its own operation, the quota on an API-key GET, and every limited operation by the limiter it
 * shares (throttle.coverage, last). Each probe carries its budget (requests, seconds), which `plan` prints.
 */
export function planThrottle(plan: StagePlan): void {
  const cfg = plan.stageConfig;
  const tolerance = plan.config.throttle.tolerance;
  const probe = cheapestProbe(plan.exposed, cfg);
  if (cfg.throttle && probe) {
    const limits = declared(cfg, probe, 'stage');
    for (const kind of PROBED_KINDS) addForOperation(plan, kind, probe, { limits, budget: probeBudget(kind, probeModel(limits), tolerance) });
    if (plan.others.length > 0) {
      const budget = probeBudget('stage.throttle-isolation', probeModel(limits), tolerance, plan.others.length);
      addForOperation(plan, 'stage.throttle-isolation', probe, { limits, otherStages: plan.others, budget });
    }
  }
  for (const opKey of Object.keys(cfg.operationThrottle)) {
    const op = plan.exposed.find((o) => o.key === opKey);
    if (!op || (cfg.throttle && probe?.key === opKey)) continue;
    const limits = declared(cfg, op, 'operation');
    for (const kind of PROBED_KINDS) addForOperation(plan, kind, op, { limits, budget: probeBudget(kind, probeModel(limits), tolerance) });
  }
  if (cfg.quota) {
    const quotaOp =
      plan.exposed.find((o) => requiredKinds(o).length === 1 && requiredKinds(o)[0] === 'apiKey' && o.method === 'GET') ??
      plan.exposed.find((o) => o.apiKeyRequired);
    if (quotaOp) addForOperation(plan, 'throttle.quota', quotaOp, { quota: cfg.quota });
  }
  planCoverage(plan);
}

function declared(cfg: StageConfig, op: Operation, scope: DeclaredLimits['scope']): DeclaredLimits {
  // Planned only where the config declares a limit for the operation, so one binds.
  return { ...effectiveLimits(cfg, op)!, scope };
}

/** A GET that reaches a backend, with the fewest credentials and parameters: cheap to repeat. */
function cheapestProbe(ops: Operation[], cfg: StageConfig): Operation | undefined {
  const candidates = ops.filter((o) => o.method === 'GET' && !o.greedy && !Object.hasOwn(cfg.operationThrottle, o.key));
  return [...candidates].sort((a, b) => probeCost(a) - probeCost(b))[0] ?? ops.find((o) => o.method === 'GET');
}
