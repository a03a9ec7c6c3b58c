import { ExchangeError } from '../http/stage-http.ts';
import type { Check } from '../domain/check.ts';
import type { CheckResult } from '../domain/result.ts';
import { concise } from '../report/concise.ts';
import { redact, redactDeep } from '../secrets/redact.ts';
import { skipped, toResult, type CheckContext, type CheckOutcome, type CheckRunner } from '../checks/context.ts';

export interface ExecuteOptions {
  allowProtected: boolean;
}

/**
 * Runs one check and always returns its result: a request that got no answer fails the check with the
 * transport error as evidence, a bug in a runner fails it with the message, a kind without a runner is
 * skipped saying so. Throttle checks on protected stages are skipped unless allowed.
 */
export async function executeCheck(check: Check, ctx: CheckContext, runner: CheckRunner | undefined, options: ExecuteOptions): Promise<CheckResult> {
  const start = performance.now();
  const outcome = await outcomeOf(check, ctx, runner, options);
  return redactDeep(concise(toResult(check, outcome, performance.now() - start)));
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
