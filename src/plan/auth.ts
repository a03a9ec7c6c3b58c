import { isSecured, requiredKinds } from '../auth/classify.ts';
import { JWT_KINDS } from '../domain/kinds.ts';
import { addForOperation, type StagePlan } from './stage-plan.ts';

/**
 * auth.*: every secured operation rejects missing and invalid credentials, also through sloppy path spellings;
 * token defects are checked on the authorizer's sampled routes (sample.ts); public operations stay open.
 */
export function planAuth(plan: StagePlan): void {
  for (const op of plan.exposed) {
    if (!isSecured(op)) {
      addForOperation(plan, 'auth.public-open', op, {});
      continue;
    }
    const kinds = requiredKinds(op);
    addForOperation(plan, 'auth.missing', op, {});
    if (kinds.includes('apiKey')) addForOperation(plan, 'auth.invalid-key', op, {});
    if (kinds.includes('jwt') && plan.tokenRoutes.has(op.key)) for (const kind of JWT_KINDS) addForOperation(plan, kind, op, {});
    addForOperation(plan, 'auth.path-variants', op, {});
  }
}
