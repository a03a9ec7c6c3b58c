import { isSecured, requiredKinds } from '../auth/classify.ts';
import type { StageConfig } from '../config/load.ts';
import { JWT_KINDS } from '../domain/kinds.ts';
import { addForOperation, type StagePlan } from './stage-plan.ts';

/** IAM routes: a forged and a stale SigV4 signature (kinds shared with JWT routes; an operation needing both runs the SigV4 variant). */
const SIGV4_KINDS = ['auth.bad-signature', 'auth.expired-token'] as const;

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
    const negative = new Set<(typeof JWT_KINDS)[number]>([...(kinds.includes('jwt') ? tokenKinds(plan.stageConfig) : []), ...(kinds.includes('iam') ? SIGV4_KINDS : [])]);
    for (const kind of negative) addForOperation(plan, kind, op, {});
    addForOperation(plan, 'auth.path-variants', op, {});
  }
}

/**
 * The token defects a stage can present: every JWT kind from its JWT settings; with only an opaque bearer
 * token (nothing to mint claims into), just a malformed token, which any authorizer must refuse.
 */
const tokenKinds = (stage: StageConfig): readonly (typeof JWT_KINDS)[number][] => (stage.credentials.bearer && !stage.credentials.jwt ? ['auth.malformed-token'] : JWT_KINDS);
