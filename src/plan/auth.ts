import { isSecured, requiredKinds } from '../auth/classify.ts';
import { JWT_KINDS } from '../domain/kinds.ts';
import { addForOperation, type StagePlan } from './stage-plan.ts';

/** auth.*: every secured operation rejects each credential defect its scheme can have; public ones stay open. */
export function planAuth(plan: StagePlan): void {
  for (const op of plan.exposed) {
    if (!isSecured(op)) {
      addForOperation(plan, 'auth.public-open', op, {});
      continue;
    }
    const kinds = requiredKinds(op);
    addForOperation(plan, 'auth.missing', op, {});
    if (kinds.includes('apiKey')) addForOperation(plan, 'auth.invalid-key', op, {});
    if (kinds.includes('jwt')) for (const kind of JWT_KINDS) addForOperation(plan, kind, op, {});
    addForOperation(plan, 'auth.path-variants', op, {});
  }
}
