import type { StageConfig } from '../config/load.ts';
import type { Operation } from '../openapi/model.ts';
import { effectiveLimits } from '../gateway/limits.ts';

/** Reads are most of real traffic: a GET weighs 4, a write 1. */
export const weightOf = (op: Pick<Operation, 'method'>): number => (op.method === 'GET' || op.method === 'HEAD' || op.method === 'OPTIONS' ? 4 : 1);

/**
 * The total arrival rate of a weighted mix that keeps every bucket at `share` of its limit (pure). AWS
 * keeps a bucket per method (stage or per-method limit) and, for keyed methods, a per-key usage-plan bucket
 * shared by all of them (unless the plan sets per-method limits): each gives a ceiling on the total rate.
 */
export function mixRate(
  ops: readonly Pick<Operation, 'key' | 'method' | 'apiKeyRequired'>[],
  stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
  share: number,
  defaultRate: number,
): number {
  const total = ops.reduce((n, op) => n + weightOf(op), 0);
  if (total === 0) return 0;
  const ceilings: number[] = [];
  for (const op of ops) {
    const limits = effectiveLimits(stage, op);
    if (limits) ceilings.push((share * limits.rate * total) / weightOf(op));
  }
  const plan = stage.usagePlan?.throttle;
  if (plan) {
    const keyed = ops.filter((op) => op.apiKeyRequired && !stage.usagePlan!.operationThrottle[op.key]).reduce((n, op) => n + weightOf(op), 0);
    if (keyed > 0) ceilings.push((share * plan.rate * total) / keyed);
  }
  const rate = ceilings.length ? Math.min(...ceilings) : share * defaultRate;
  return Math.max(1, Math.floor(rate * 10) / 10);
}

/**
 * Smooth weighted round robin (nginx): an order of operation indexes in which each appears `weight` times,
 * spread out rather than in runs. Iteration i of the test takes sequence[i % length].
 */
export function weightedSequence(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const out: number[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i]! += weights[i]!;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    out.push(best);
  }
  return out;
}
