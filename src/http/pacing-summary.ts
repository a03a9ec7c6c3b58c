import type { PacingStats } from './stage-http.ts';

export interface StagePacingSummary {
  requests: number;
  /** Paced requests answered 429 (should be 0: the gate never throttles itself). */
  throttled: number;
  /** Requests through the stage pacer / its rate: the least time pacing allows for them. */
  floorMs: number;
  rate: number;
}

export interface PacingSummary {
  stages: Record<string, StagePacingSummary>;
  /** Stages run side by side, so the run's floor is the slowest stage's. */
  floorMs: number;
  requests: number;
  throttled: number;
}

/**
 * Sums the request counts of every process that talked to a stage. A stage's floor is the larger of its
 * stage pacer's (requests / rate) and any stricter operation pacer's. Pure.
 */
export function summarizePacing(stats: readonly PacingStats[]): PacingSummary {
  const stages: Record<string, StagePacingSummary> = {};
  const grouped = new Map<string, PacingStats[]>();
  for (const s of stats) grouped.set(s.stage, [...(grouped.get(s.stage) ?? []), s]);
  for (const [stage, list] of grouped) {
    const rate = list[0]!.stagePacer.limits.rate;
    const stageSent = sum(list.map((s) => s.stagePacer.sent));
    let floorMs = (stageSent / rate) * 1000;
    const operations = new Set(list.flatMap((s) => Object.keys(s.operationPacers)));
    for (const op of operations) {
      const entries = list.map((s) => s.operationPacers[op]).filter((p) => p !== undefined);
      floorMs = Math.max(floorMs, (sum(entries.map((p) => p.sent)) / entries[0]!.limits.rate) * 1000);
    }
    stages[stage] = { requests: sum(list.map((s) => s.requests)), throttled: sum(list.map((s) => s.throttled)), floorMs: Math.round(floorMs), rate };
  }
  const values = Object.values(stages);
  return {
    stages,
    floorMs: Math.max(0, ...values.map((s) => s.floorMs)),
    requests: sum(values.map((s) => s.requests)),
    throttled: sum(values.map((s) => s.throttled)),
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
