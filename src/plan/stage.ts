import { isSecured, requiredKinds } from '../auth/classify.ts';
import { addForOperation, representative, type StagePlan } from './stage-plan.ts';

/** stage.*: keys stay in their stage, each stage reaches its own backend, stage-only operations stay absent elsewhere. */
export function planStage(plan: StagePlan): void {
  if (plan.others.length > 0) {
    for (const op of plan.exposed) {
      const kinds = requiredKinds(op);
      if (isSecured(op) && (kinds.includes('apiKey') || kinds.includes('jwt') || kinds.includes('iam')))
        addForOperation(plan, 'stage.key-isolation', op, { otherStages: plan.others });
    }
  }
  for (const op of plan.model.operations) {
    const stagesForOp = plan.config.exposure[op.key];
    if (stagesForOp) addForOperation(plan, 'stage.exposure', op, { expectPresent: stagesForOp.includes(plan.stage) });
  }
  const routingOp = representative(plan.exposed);
  if (routingOp && plan.stageConfig.oracle.type !== 'none') addForOperation(plan, 'stage.routing', routingOp, {});
}
