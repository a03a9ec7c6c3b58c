import type { StageConfig } from '../config/load.ts';
import type { Operation } from '../openapi/model.ts';
import { averageRate, limitersOf } from '../gateway/limits.ts';

/** Reads are most of real traffic: a GET weighs 4, a write 1. */
export const weightOf = (op: Pick<Operation, 'method'>): number => (op.method === 'GET' || op.method === 'HEAD' || op.method === 'OPTIONS' ? 4 : 1);

/**
 * The total arrival rate of a weighted mix that keeps every limiter at `share` of its limit (pure). Each
 * counter (gateway/limits.ts: a bucket per method, a usage plan's bucket per key shared by its methods, a
 * stage window shared by the stage) gives a ceiling on the total rate: its share of the limit over the weight
 * of the operations it counts.
 */
export function mixRate(
  ops: readonly Pick<Operation, 'key' | 'method' | 'apiKeyRequired'>[],
  stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
  share: number,
  defaultRate: number,
): number {
  const total = ops.reduce((n, op) => n + weightOf(op), 0);
  if (total === 0) return 0;
  const counters = new Map<string, { rate: number; weight: number }>();
  for (const op of ops) {
    for (const limiter of limitersOf(stage, op)) {
      const counter = counters.get(limiter.id) ?? { rate: averageRate(limiter.limits), weight: 0 };
      counter.weight += weightOf(op);
      counters.set(limiter.id, counter);
    }
  }
  const ceilings = [...counters.values()].map((c) => (share * c.rate * total) / c.weight);
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
