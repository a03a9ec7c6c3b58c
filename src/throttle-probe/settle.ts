import { sleep } from './driver.ts';
import { refillMs, type Limits } from './schedule.ts';

/**
 * Waits around probes, so throttle checks do not disturb each other or the gate's other checks:
 * - once per stage, `config.throttle.settleMs` before the first probe (AWS needs minutes to propagate new
 *   keys and plan changes);
 * - before a probe on a bucket no probe has refilled yet, the refill time (the smoke checks before may have
 *   taken tokens);
 * - after every probe, the refill time (its bucket is full again for whatever runs next).
 * The memo lives in the process: one gate run.
 */
const settledStages = new Set<string>();
const refilledBuckets = new Set<string>();

export async function settleStage(stageKey: string, settleMs: number): Promise<void> {
  if (settledStages.has(stageKey)) return;
  settledStages.add(stageKey);
  if (settleMs > 0) await sleep(settleMs);
}

export async function beforeProbe(stageKey: string, bucketKey: string, limits: Limits, settleMs: number): Promise<void> {
  await settleStage(stageKey, settleMs);
  if (!refilledBuckets.has(bucketKey)) await sleep(refillMs(limits));
}

export async function afterProbe(bucketKey: string, limits: Limits): Promise<void> {
  await sleep(refillMs(limits));
  refilledBuckets.add(bucketKey);
}

/** Tests: forget what was waited for. */
export function resetSettle(): void {
  settledStages.clear();
  refilledBuckets.clear();
}
