import type { Profile } from '../profiles/profile.ts';
import { drive, sleep } from './driver.ts';
import { estimateLimits, type LimitEstimate } from './estimate.ts';
import { classify, type ProbeEvent } from './events.ts';
import type { ProbeTarget } from './fire.ts';
import { disturbance, noiseTokens } from './quality.ts';
import { refillMs, type Limits, type ProbePlan } from './schedule.ts';

export interface ProbeRun {
  plan: ProbePlan;
  events: ProbeEvent[];
  estimate: LimitEstimate;
  durationMs: number;
  /** Attempts made (a disturbed timeline is measured again, up to MAX_ATTEMPTS). */
  attempts: number;
  /** Set when even the best attempt was disturbed: the verdict rests on a noisy timeline. */
  disturbed?: string;
}

/** No probe attempt runs longer than this, whatever its plan says. */
const PROBE_TIME_LIMIT_MS = 20_000;
/** A disturbed probe is repeated at most this often in all (each attempt bounded like the first). */
export const MAX_ATTEMPTS = 3;

/**
 * Runs a probe plan against a target and estimates the bucket from what came back. When the timeline was
 * too disturbed to judge (quality.ts: a stalled client or a queueing gateway), the probe is repeated after
 * the refill time, up to MAX_ATTEMPTS, and the least disturbed attempt is kept.
 */
export async function runProbe(target: ProbeTarget, plan: ProbePlan, profile: Pick<Profile, 'rejections'>, limits?: Limits): Promise<ProbeRun> {
  let best: ProbeRun | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1 && limits) await sleep(refillMs(limits));
    const started = performance.now();
    const events = await drive(target, plan.phases, (r) => classify(profile, r), { timeLimitMs: PROBE_TIME_LIMIT_MS });
    const estimate = estimateLimits({ events, drainPhases: plan.drainPhases, fitPhases: plan.fitPhases });
    const why = limits ? disturbance(estimate, limits) : undefined;
    const run: ProbeRun = { plan, events, estimate, durationMs: performance.now() - started, attempts: attempt, ...(why ? { disturbed: why } : {}) };
    if (!best || (limits && noiseTokens(estimate, limits) < noiseTokens(best.estimate, limits))) best = run;
    best.attempts = attempt;
    if (!why) return { ...run, attempts: attempt };
  }
  return best!;
}
