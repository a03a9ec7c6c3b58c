import { sleep } from './driver.ts';
import { freshMs, type LimiterModel } from './window-schedule.ts';

/**
 * Waits around probes, so throttle checks do not disturb each other or the gate's other checks:
 * - once per stage, `config.throttle.settleMs` before the first probe (AWS needs minutes to propagate new
 *   keys and plan changes);
 * - before a probe on a limiter no probe has refilled yet, the refill time (the smoke checks before may have
 *   taken tokens or counted in its window);
 * - after every probe, the refill time (its bucket is full, its window fresh again for whatever runs next).
 * The memo lives in the process: one gate run.
 */
const settledStages = new Set<string>();
const refilledBuckets = new Set<string>();

export async function settleStage(stageKey: string, settleMs: number): Promise<void> {
  if (settledStages.has(stageKey)) return;
  settledStages.add(stageKey);
  if (settleMs > 0) await sleep(settleMs);
}

export async function beforeProbe(stageKey: string, bucketKey: string, model: LimiterModel, settleMs: number): Promise<void> {
  await settleStage(stageKey, settleMs);
  if (!refilledBuckets.has(bucketKey)) await sleep(freshMs(model));
}

export async function afterProbe(bucketKey: string, model: LimiterModel): Promise<void> {
  await afterProbes([{ key: bucketKey, model }]);
}

/** After a probe that drained several limiters (throttle.coverage): one wait, the longest refill among them. */
export async function afterProbes(drained: readonly { key: string; model: LimiterModel }[]): Promise<void> {
  await sleep(Math.max(0, ...drained.map((d) => freshMs(d.model))));
  for (const d of drained) refilledBuckets.add(d.key);
}

/** Tests: forget what was waited for. */
export function resetSettle(): void {
  settledStages.clear();
  refilledBuckets.clear();
}
