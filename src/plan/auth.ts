import { isSecured, requiredKinds } from '../auth/classify.ts';
import type { StageConfig } from '../config/load.ts';
import { JWT_KINDS } from '../domain/kinds.ts';
import type { Operation } from '../openapi/model.ts';
import { addForOperation, groupByPath, type StagePlan } from './stage-plan.ts';

/** IAM routes: a forged and a stale SigV4 signature (kinds shared with JWT routes; an operation needing both runs the SigV4 variant). */
const SIGV4_KINDS = ['auth.bad-signature', 'auth.expired-token'] as const;

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
    const tokenDefects = kinds.includes('jwt') && plan.tokenRoutes.has(op.key) ? tokenKinds(plan.stageConfig) : [];
    const negative = new Set<(typeof JWT_KINDS)[number]>([...tokenDefects, ...(kinds.includes('iam') ? SIGV4_KINDS : [])]);
    for (const kind of negative) addForOperation(plan, kind, op, {});
    addForOperation(plan, 'auth.path-variants', op, {});
  }
  for (const [path, ops] of groupByPath(plan.exposed)) {
    const methods = implicitMethods(ops);
    const secured = ops.find((o) => isSecured(o) && o.method === 'GET') ?? ops.find(isSecured);
    if (secured && methods.length > 0) addForOperation(plan, 'auth.implicit-methods', secured, { path, methods });
  }
}

/** Sent to every secured path: HEAD (GET without a body), OPTIONS without preflight headers, TRACE. */
const ALWAYS = ['HEAD', 'OPTIONS', 'TRACE'] as const;
/** What a secured ANY also answers; GET is auth.missing's own request. */
const UNDER_ANY = ['PATCH', 'PUT', 'POST', 'DELETE'] as const;

/**
 * The methods a gateway may route to a secured path without the path declaring them: HEAD (servers answer it
 * like GET), OPTIONS (CORS handling), TRACE (path-based routing forwards every method), and under a secured
 * ANY every method it does not declare itself. Declared methods have their own auth checks and are left out,
 * as is HEAD when the path's GET is public (HEAD is GET without a body) and every method when an ANY is public.
 */
export function implicitMethods(ops: readonly Operation[]): string[] {
  if (!ops.some(isSecured) || ops.some((o) => o.method === 'ANY' && !isSecured(o))) return [];
  const declared = new Set<string>(ops.map((o) => o.method));
  const candidates: string[] = [...ALWAYS, ...(declared.has('ANY') ? UNDER_ANY : [])];
  const publicGet = ops.some((o) => o.method === 'GET' && !isSecured(o));
  return candidates.filter((m) => !declared.has(m) && !(m === 'HEAD' && publicGet));
}

/**
 * The token defects a stage can present: every JWT kind from its JWT settings; with only an opaque bearer
 * token (nothing to mint claims into), just a malformed token, which any authorizer must refuse.
 */
const tokenKinds = (stage: StageConfig): readonly (typeof JWT_KINDS)[number][] =>
  stage.credentials.bearer && !stage.credentials.jwt ? ['auth.malformed-token'] : JWT_KINDS;
