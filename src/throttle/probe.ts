import type { Profile } from '../profiles/profile.ts';
import { drive } from './driver.ts';
import { estimateLimits, type LimitEstimate } from './estimate.ts';
import { classify, type ProbeEvent } from './events.ts';
import type { ProbeTarget } from './fire.ts';
import type { ProbePlan } from './schedule.ts';

export interface ProbeRun {
  plan: ProbePlan;
  events: ProbeEvent[];
  estimate: LimitEstimate;
  durationMs: number;
}

/** No probe runs longer than this, whatever its plan says. */
export const PROBE_TIME_LIMIT_MS = 20_000;

/** Runs one probe plan against a target and estimates the bucket from what came back. */
export async function runProbe(target: ProbeTarget, plan: ProbePlan, profile: Pick<Profile, 'rejections'>): Promise<ProbeRun> {
  const started = performance.now();
  const events = await drive(target, plan.phases, (r) => classify(profile, r), { timeLimitMs: PROBE_TIME_LIMIT_MS });
  const estimate = estimateLimits({ events, drainPhases: plan.drainPhases, fitPhases: plan.fitPhases });
  return { plan, events, estimate, durationMs: performance.now() - started };
}
