import type { Profile } from '../../profiles/profile.ts';
import type { ProbeEvent } from '../../throttle-probe/events.ts';
import type { ProbeRun } from '../../throttle-probe/probe.ts';
import { afterProbe, beforeProbe } from '../../throttle-probe/settle.ts';
import type { CheckContext } from '../context.ts';
import type { ThrottleKind, ThrottleSetup } from './target.ts';

/** Runs a probe between the waits that keep probes from disturbing each other (settle, refill). */
export async function probing<T>(
  ctx: CheckContext<ThrottleKind>,
  setup: Pick<ThrottleSetup, 'stageKey' | 'bucketKey' | 'model'>,
  run: () => Promise<T>,
): Promise<T> {
  await beforeProbe(setup.stageKey, setup.bucketKey, setup.model, ctx.config.throttle.settleMs);
  try {
    return await run();
  } finally {
    await afterProbe(setup.bucketKey, setup.model);
  }
}

/** Problems of the throttled answers: missing 429s, answers off the profile's signature, requests lost. */
export function throttledProblems(events: readonly ProbeEvent[], profile: Profile): string[] {
  const problems: string[] = [];
  const throttled = events.filter((e) => e.outcome === 'throttled');
  const off = throttled.filter((e) => e.signatureProblems?.length);
  if (off.length > 0)
    problems.push(
      `${off.length} of ${throttled.length} throttled answers lack the ${profile.name} throttle signature (${off[0]!.signatureProblems!.join('; ')})`,
    );
  const quota = events.filter((e) => e.outcome === 'quota').length;
  if (quota > 0) problems.push(`${quota} answers carried the quota signature instead of the throttle one`);
  const errors = events.filter((e) => e.outcome === 'error').length;
  if (errors > events.length * 0.05) problems.push(`${errors} of ${events.length} requests got no answer`);
  return problems;
}

export const fmt = (v: number | undefined, digits = 1): string => (v === undefined ? 'n/a' : String(Math.round(v * 10 ** digits) / 10 ** digits));

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** " (2 attempts)" when a disturbed timeline had to be measured again, and why the kept one still was, if it was. */
export const attemptsNote = (run: ProbeRun): string =>
  run.attempts > 1 || run.disturbed ? ` (${run.attempts} attempts${run.disturbed ? `; still disturbed: ${run.disturbed}` : ''})` : '';
