import { slotOf } from '../../auth/credentials.ts';
import type { Operation } from '../../openapi/model.ts';
import type { ProbeTarget } from '../../throttle-probe/fire.ts';
import { effectiveLimits } from '../../gateway/limits.ts';
import type { Limits } from '../../throttle-probe/schedule.ts';
import { skipped, type CheckContext, type CheckOutcome } from '../context.ts';
import { buildRequest, type CredentialChoice } from '../../request/build.ts';

/** What a throttle check probes: one valid request of the operation, and the limits that bind it. */
export interface ThrottleSetup {
  op: Operation;
  target: ProbeTarget;
  limits: Limits;
  tolerance: number;
  /** Keys of the waits in src/throttle-probe/settle.ts. */
  stageKey: string;
  bucketKey: string;
  /** Header names that carry credentials (masked in evidence). */
  credentialHeaders: string[];
}

/**
 * The probe's request and limits, or why the check cannot run: a protected stage without --allow-protected,
 * no declared limits, credentials the stage config cannot supply.
 */
export async function prepare(ctx: CheckContext, choice: CredentialChoice = {}): Promise<ThrottleSetup | { skip: CheckOutcome }> {
  const expected = `${ctx.check.kind} on ${ctx.check.operation}`;
  if (ctx.check.params.protectedStage && ctx.allowProtected !== true) return { skip: skipped(expected, 'protected stage: pass --allow-protected to probe its throttling') };
  const op = ctx.operation ?? ctx.model.operations.find((o) => o.key === ctx.check.operation);
  if (!op) return { skip: skipped(expected, `${ctx.check.operation} is not in the loaded spec`) };
  const limits = ctx.check.params.limits ?? effectiveLimits(ctx.stage, op);
  if (!limits && !ctx.check.params.quota) return { skip: skipped(expected, 'no throttle limits are declared for this operation') };
  const built = await buildRequest(ctx.stage, op, ctx.config.seed, choice);
  if (built.missing.length > 0) return { skip: skipped(expected, `the stage config has no ${built.missing.join(', ')} credentials for ${op.key}`) };
  const base = ctx.http.baseURL.replace(/\/+$/, '');
  return {
    op,
    target: { method: built.request.method, url: `${base}${built.request.path}`, headers: { 'user-agent': 'gateproof-throttle', ...(built.request.headers ?? {}) }, body: built.request.body },
    limits: limits ?? { rate: ctx.config.pacing.defaultRate, burst: 1 },
    tolerance: ctx.config.throttle.tolerance,
    stageKey: `${ctx.check.stage} ${base}`,
    bucketKey: `${base} ${op.key}`,
    credentialHeaders: [...new Set(Object.values(ctx.model.securitySchemes).map(slotOf).filter((s) => s.in === 'header').map((s) => s.name))],
  };
}
