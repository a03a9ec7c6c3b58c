import { slotOf } from '../../auth/credentials.ts';
import { splitBaseURL } from '../../http/client.ts';
import type { LimitShape } from '../../domain/limits.ts';
import type { Operation } from '../../openapi/model.ts';
import type { ProbeTarget } from '../../throttle-probe/fire.ts';
import { bindingLimiter, effectiveLimits } from '../../gateway/limits.ts';
import type { Limits } from '../../throttle-probe/schedule.ts';
import { isWindowModel, probeModel, windowTooLong, type WindowModel } from '../../throttle-probe/window-schedule.ts';
import { skipped, type CheckContext, type CheckOutcome } from '../context.ts';
import { buildRequest, type CredentialChoice } from '../../request/build.ts';

/** The kinds that drain limiters and share this preparation. */
export type ThrottleKind = 'throttle.burst' | 'throttle.rate' | 'throttle.recovery' | 'throttle.quota' | 'stage.throttle-isolation' | 'throttle.coverage';

/** What a throttle check probes: one valid request of the operation, and the limits that bind it. */
export type ThrottleSetup = BucketSetup | WindowSetup;
type BucketSetup = SetupBase & { model: Limits };
export type WindowSetup = SetupBase & { model: WindowModel };

interface SetupBase {
  op: Operation;
  target: ProbeTarget;
  /** The declared limits as the config writes them (reports), and in the probe's units (`model`). */
  declared: LimitShape;
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
export async function prepare(
  ctx: CheckContext<Exclude<ThrottleKind, 'throttle.coverage'>>,
  choice: CredentialChoice = {},
): Promise<ThrottleSetup | { skip: CheckOutcome }> {
  const expected = `${ctx.check.kind} on ${ctx.check.target}`;
  const refusal = protectedRefusal(ctx, expected);
  if (refusal) return { skip: refusal };
  const op = ctx.operation;
  if (!op) return { skip: skipped(expected, `${ctx.check.target} is not in the loaded spec`) };
  // The quota check paces itself under whatever limit binds the operation (none declared: the default rate).
  const declared =
    'limits' in ctx.check.params ? ctx.check.params.limits : (effectiveLimits(ctx.stage, op) ?? { rate: ctx.config.pacing.defaultRate, burst: 1 });
  const tooLong = 'limits' in ctx.check.params ? windowTooLong(declared) : undefined;
  if (tooLong) return { skip: skipped(expected, tooLong) };
  const built = await probeRequest(ctx, op, choice);
  if ('missing' in built) return { skip: skipped(expected, built.missing) };
  const base = {
    op,
    target: built.target,
    declared,
    tolerance: ctx.config.throttle.tolerance,
    stageKey: stageKeyOf(ctx),
    bucketKey: limiterKey(ctx, bindingLimiter(ctx.stage, op)?.id ?? op.key),
    credentialHeaders: credentialHeadersOf(ctx),
  };
  const model = probeModel(declared);
  return isWindowModel(model) ? { ...base, model } : { ...base, model };
}

/** A protected stage is probed only with --allow-protected. */
export const protectedRefusal = (ctx: CheckContext<ThrottleKind>, expected: string): CheckOutcome | undefined =>
  ctx.stage.protected && ctx.allowProtected !== true ? skipped(expected, 'protected stage: pass --allow-protected to probe its throttling') : undefined;

/** One valid request of the operation with the stage's credentials, as a probe repeats it. */
export async function probeRequest(
  ctx: CheckContext<ThrottleKind>,
  op: Operation,
  choice: CredentialChoice = {},
): Promise<{ target: ProbeTarget } | { missing: string }> {
  const built = await buildRequest(ctx.stage, op, ctx.config.seed, choice);
  if (built.missing.length > 0) return { missing: `the stage config has no ${built.missing.join(', ')} credentials for ${op.key}` };
  const base = ctx.http.baseURL.replace(/\/+$/, '');
  const { origin, prefix } = splitBaseURL(base);
  const unsigned = { 'user-agent': 'gateproof-throttle', ...(built.request.headers ?? {}) };
  // A probe repeats one request for seconds: one SigV4 signature (valid for 5 minutes) serves them all.
  const headers = built.request.sign
    ? await built.request.sign({ method: built.request.method, origin, path: `${prefix}${built.request.path}`, headers: unsigned, body: built.request.body })
    : unsigned;
  return {
    target: { method: built.request.method, url: `${base}${built.request.path}`, headers, body: built.request.body },
  };
}

/** Keys of the waits in src/throttle-probe/settle.ts: the stage, and the counter a probe drains (operations sharing one share its key). */
export const stageKeyOf = (ctx: CheckContext<ThrottleKind>): string => `${ctx.check.stage} ${ctx.http.baseURL.replace(/\/+$/, '')}`;
export const limiterKey = (ctx: CheckContext<ThrottleKind>, limiterId: string): string => `${stageKeyOf(ctx)} ${limiterId}`;

/** Header names that carry credentials (masked in evidence). */
export const credentialHeadersOf = (ctx: CheckContext<ThrottleKind>): string[] => [
  ...new Set(
    Object.values(ctx.model.securitySchemes)
      .map(slotOf)
      .filter((s) => s.in === 'header')
      .map((s) => s.name),
  ),
];

export const isWindowSetup = (setup: ThrottleSetup): setup is WindowSetup => isWindowModel(setup.model);
