import { slotOf } from '../../auth/credentials.ts';
import { splitBaseURL } from '../../http/client.ts';
import type { Operation } from '../../openapi/model.ts';
import type { ProbeTarget } from '../../throttle-probe/fire.ts';
import { effectiveLimits } from '../../gateway/limits.ts';
import type { Limits } from '../../throttle-probe/schedule.ts';
import { skipped, type CheckContext, type CheckOutcome } from '../context.ts';
import { buildRequest, type CredentialChoice } from '../../request/build.ts';

/** The kinds that drain buckets and share this preparation. */
export type ThrottleKind = 'throttle.burst' | 'throttle.rate' | 'throttle.recovery' | 'throttle.quota' | 'stage.throttle-isolation';

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
export async function prepare(ctx: CheckContext<ThrottleKind>, choice: CredentialChoice = {}): Promise<ThrottleSetup | { skip: CheckOutcome }> {
  const expected = `${ctx.check.kind} on ${ctx.check.target}`;
  if (ctx.stage.protected && ctx.allowProtected !== true) return { skip: skipped(expected, 'protected stage: pass --allow-protected to probe its throttling') };
  const op = ctx.operation;
  if (!op) return { skip: skipped(expected, `${ctx.check.target} is not in the loaded spec`) };
  // The quota check paces itself under whatever limit binds the operation (none declared: the default rate).
  const limits = 'limits' in ctx.check.params ? ctx.check.params.limits : effectiveLimits(ctx.stage, op);
  const built = await buildRequest(ctx.stage, op, ctx.config.seed, choice);
  if (built.missing.length > 0) return { skip: skipped(expected, `the stage config has no ${built.missing.join(', ')} credentials for ${op.key}`) };
  const base = ctx.http.baseURL.replace(/\/+$/, '');
  const { origin, prefix } = splitBaseURL(base);
  const unsigned = { 'user-agent': 'gateproof-throttle', ...(built.request.headers ?? {}) };
  // A probe repeats one request for seconds: one SigV4 signature (valid for 5 minutes) serves them all.
  const headers = built.request.sign
    ? await built.request.sign({ method: built.request.method, origin, path: `${prefix}${built.request.path}`, headers: unsigned, body: built.request.body })
    : unsigned;
  return {
    op,
    target: { method: built.request.method, url: `${base}${built.request.path}`, headers, body: built.request.body },
    limits: limits ?? { rate: ctx.config.pacing.defaultRate, burst: 1 },
    tolerance: ctx.config.throttle.tolerance,
    stageKey: `${ctx.check.stage} ${base}`,
    bucketKey: `${base} ${op.key}`,
    credentialHeaders: [
      ...new Set(
        Object.values(ctx.model.securitySchemes)
          .map(slotOf)
          .filter((s) => s.in === 'header')
          .map((s) => s.name),
      ),
    ],
  };
}
