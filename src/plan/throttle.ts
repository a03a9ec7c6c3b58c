import { requiredKinds } from '../auth/classify.ts';
import type { StageConfig } from '../config/load.ts';
import type { DeclaredLimits } from '../domain/check.ts';
import { effectiveLimits } from '../gateway/limits.ts';
import type { Operation } from '../openapi/model.ts';
import { addForOperation, type StagePlan } from './stage-plan.ts';

const BUCKET_KINDS = ['throttle.burst', 'throttle.rate', 'throttle.recovery'] as const;

/**
 * throttle.* and stage.throttle-isolation: the stage limit on its cheapest operation, each per-operation
 * override on its own operation, the quota on an API-key GET.
 */
export function planThrottle(plan: StagePlan): void {
  const cfg = plan.stageConfig;
  const probe = cheapestProbe(plan.exposed, cfg);
  if (cfg.throttle && probe) {
    const limits = declared(cfg, probe, 'stage');
    for (const kind of BUCKET_KINDS) addForOperation(plan, kind, probe, { limits });
    if (plan.others.length > 0) addForOperation(plan, 'stage.throttle-isolation', probe, { limits, otherStages: plan.others });
  }
  for (const opKey of Object.keys(cfg.operationThrottle)) {
    const op = plan.exposed.find((o) => o.key === opKey);
    if (!op || (cfg.throttle && probe?.key === opKey)) continue;
    const limits = declared(cfg, op, 'operation');
    for (const kind of BUCKET_KINDS) addForOperation(plan, kind, op, { limits });
  }
  if (cfg.quota) {
    const quotaOp =
      plan.exposed.find((o) => requiredKinds(o).length === 1 && requiredKinds(o)[0] === 'apiKey' && o.method === 'GET') ??
      plan.exposed.find((o) => o.apiKeyRequired);
    if (quotaOp) addForOperation(plan, 'throttle.quota', quotaOp, { quota: cfg.quota });
  }
}

function declared(cfg: StageConfig, op: Operation, scope: DeclaredLimits['scope']): DeclaredLimits {
  // Planned only where the config declares a limit for the operation, so one binds.
  return { ...effectiveLimits(cfg, op)!, scope };
}

/** A GET that reaches a backend, with the fewest credentials and parameters: cheap to repeat. */
function cheapestProbe(ops: Operation[], cfg: StageConfig): Operation | undefined {
  const candidates = ops.filter((o) => o.method === 'GET' && !o.greedy && !Object.hasOwn(cfg.operationThrottle, o.key));
  const score = (o: Operation): number => requiredKinds(o).filter((k) => k !== 'apiKey').length * 10 + o.parameters.filter((p) => p.required).length;
  return [...candidates].sort((a, b) => score(a) - score(b))[0] ?? ops.find((o) => o.method === 'GET');
}
