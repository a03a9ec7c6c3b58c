import type { AdaptivePacing, PacingSummary, StagePacingSummary } from '../domain/run-info.ts';
import type { PacingStats } from './stage-http.ts';

export type { PacingSummary } from '../domain/run-info.ts';

/**
 * Sums the request counts of every process that talked to a stage. A stage's floor is the larger of its
 * stage pacer's (the time its rates allowed for what it sent) and any stricter operation pacer's. Pure.
 */
export function summarizePacing(stats: readonly PacingStats[]): PacingSummary {
  const stages: Record<string, StagePacingSummary> = {};
  const grouped = new Map<string, PacingStats[]>();
  for (const s of stats) grouped.set(s.stage, [...(grouped.get(s.stage) ?? []), s]);
  for (const [stage, list] of grouped) {
    const rate = list[0]!.stagePacer.limits.rate;
    let floorMs = sum(list.map((s) => floorOf(s.stagePacer)));
    const operations = new Set(list.flatMap((s) => Object.keys(s.operationPacers)));
    for (const op of operations)
      floorMs = Math.max(
        floorMs,
        sum(
          list
            .map((s) => s.operationPacers[op])
            .filter((p) => p !== undefined)
            .map(floorOf),
        ),
      );
    const retried = sum(list.map((s) => s.retried ?? 0));
    const ramp = list.find((s) => s.ramp)?.ramp;
    stages[stage] = {
      requests: sum(list.map((s) => s.requests)),
      throttled: sum(list.map((s) => s.throttled)),
      floorMs: Math.round(floorMs),
      rate: Math.round(rate * 10) / 10,
      ...(retried ? { retried } : {}),
      ...(ramp ? { adaptive: adaptiveOf(ramp) } : {}),
    };
  }
  const values = Object.values(stages);
  return {
    stages,
    floorMs: Math.max(0, ...values.map((s) => s.floorMs)),
    requests: sum(values.map((s) => s.requests)),
    throttled: sum(values.map((s) => s.throttled)),
  };
}

/** A pacer's floor: what it measured (its rate changed over time), else what it sent at its one rate. */
const floorOf = (p: { limits: { rate: number }; sent: number; floorMs?: number }): number => p.floorMs ?? (p.sent / p.limits.rate) * 1000;

const adaptiveOf = (ramp: NonNullable<PacingStats['ramp']>): AdaptivePacing => ({
  startRate: ramp.settings.startRate,
  share: ramp.settings.share,
  ...(ramp.settings.ceiling !== undefined ? { ceiling: ramp.settings.ceiling } : {}),
  state: ramp.state,
  ...(ramp.took !== undefined ? { took: ramp.took } : {}),
  steps: ramp.steps,
});

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
