import { ExchangeError } from '../http/stage-http.ts';
import type { Check } from '../domain/check.ts';
import type { CheckResult, Evidence } from '../domain/result.ts';
import { redact, redactDeep } from '../secrets/redact.ts';
import { skipped, toResult, type CheckContext, type CheckOutcome, type CheckRunner } from '../checks/context.ts';

export interface ExecuteOptions {
  allowProtected: boolean;
}

/** Evidence kept for checks that did not fail: enough to show what was sent, not every byte. */
const PASSED_EVIDENCE_ITEMS = 3;
const PASSED_BODY_CHARS = 300;

/**
 * Runs one check and always returns its result: a request that got no answer fails the check with the
 * transport error as evidence, a bug in a runner fails it with the message, a kind without a runner is
 * skipped saying so. Throttle checks on protected stages are skipped unless allowed.
 */
export async function executeCheck(check: Check, ctx: CheckContext, runner: CheckRunner | undefined, options: ExecuteOptions): Promise<CheckResult> {
  const start = performance.now();
  const outcome = await outcomeOf(check, ctx, runner, options);
  return redactDeep(toResult(check, outcome.status === 'failed' ? outcome : compact(outcome), performance.now() - start));
}

async function outcomeOf(check: Check, ctx: CheckContext, runner: CheckRunner | undefined, options: ExecuteOptions): Promise<CheckOutcome> {
  if (ctx.stage.protected && check.serial && !options.allowProtected)
    return skipped(`${check.kind} on a protected stage`, 'protected stage: pass --allow-protected');
  if (!runner) return skipped(`a ${check.kind} check`, `no runner for ${check.kind} in this version of gateproof`);
  try {
    return await runner(ctx);
  } catch (e) {
    if (e instanceof ExchangeError)
      return { status: 'failed', expected: 'an HTTP answer from the stage', actual: `no response: ${e.message}`, evidence: [e.evidence] };
    return {
      status: 'failed',
      expected: 'the check to run',
      actual: redact(`internal error in the ${check.kind} check: ${(e as Error).message ?? String(e)}`),
      evidence: [],
    };
  }
}

function compact(outcome: CheckOutcome): CheckOutcome {
  const evidence = outcome.evidence
    .slice(0, PASSED_EVIDENCE_ITEMS)
    .map((e): Evidence =>
      e.bodyExcerpt && e.bodyExcerpt.length > PASSED_BODY_CHARS ? { ...e, bodyExcerpt: `${e.bodyExcerpt.slice(0, PASSED_BODY_CHARS)}…` } : e,
    );
  return { ...outcome, evidence };
}
