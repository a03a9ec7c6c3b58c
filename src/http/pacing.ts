import type { GateproofConfig, StageConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import type { Operation } from '../openapi/model.ts';
import { averageRate, effectiveLimits, isWindow } from '../gateway/limits.ts';
import type { PaceLimits } from './pacer.ts';
import type { RampSettings } from './ramp.ts';

/**
 * How fast the smoke gate may talk to one stage: `share` of the binding declared rate, split over the
 * processes that may talk to the stage at the same time, with a burst well below the declared one.
 *
 * The stage pacer covers every request to the stage. Its basis is the strictest of the stage throttle and
 * the usage plan's per-key throttle: AWS applies the stage limit per method and the plan limit per key, so
 * the minimum is safe whichever buckets a request lands in. Operations whose own limit is stricter still get
 * a second pacer.
 */
export interface StagePacing {
  stage: PaceLimits;
  /** Operation key -> its extra pacer (only operations stricter than the stage basis). */
  operations: Record<string, PaceLimits>;
  /** The declared limit the stage pacer derives from; undefined when the stage declares none. */
  declared?: Limits;
}

export type PacingSettings = GateproofConfig['pacing'];

export function stagePacing(
  stage: Pick<StageConfig, 'throttle' | 'operationThrottle' | 'usagePlan'>,
  operations: readonly Pick<Operation, 'key' | 'apiKeyRequired'>[],
  pacing: PacingSettings,
  processes = 1,
): StagePacing {
  const declared = declaredStageLimits(stage);
  const stageLimits = declared.length ? strictest(declared.map((l) => scaled(l, pacing.share, processes))) : undeclaredLimits(pacing.defaultRate / processes);
  const perOperation: Record<string, PaceLimits> = {};
  for (const op of operations) {
    const limits = effectiveLimits(stage, op);
    if (!limits) continue;
    const own = scaled(limits, pacing.share, processes);
    // Where the stage declares nothing its pace adapts upwards, so every declared operation limit keeps a pacer.
    if (!declared.length || own.rate < stageLimits.rate || own.burst < stageLimits.burst) perOperation[op.key] = own;
  }
  const basis = declaredStageLimit(stage);
  return { stage: stageLimits, operations: perOperation, ...(basis ? { declared: basis } : {}) };
}

type DeclaringStage = Pick<StageConfig, 'throttle' | 'usagePlan'>;

/** The limits the stage pacer derives from: the stage throttle and the usage plan's. */
const declaredStageLimits = (stage: DeclaringStage): Limits[] => [stage.throttle, stage.usagePlan?.throttle].filter((l): l is Limits => l !== undefined);

/** The declared limit that binds the stage pacer (the slowest on average). */
const declaredStageLimit = (stage: DeclaringStage): Limits | undefined => declaredStageLimits(stage).sort((a, b) => averageRate(a) - averageRate(b))[0];

/** A stage pacer's limits where nothing is declared: the rate of the moment, a quarter second of it as burst. */
export const undeclaredLimits = (rate: number): PaceLimits => ({ rate, burst: Math.max(1, Math.floor(rate / 4)) });

/**
 * How the stage pacer adapts where the stage declares no limit (undefined where it declares one: the declared
 * rate binds). On a protected stage the ramp stops at pacing.maxRate instead of probing for the limit.
 */
export function rampSettings(stage: DeclaringStage & Pick<StageConfig, 'protected'>, pacing: PacingSettings): RampSettings | undefined {
  if (declaredStageLimit(stage)) return undefined;
  return { startRate: pacing.defaultRate, share: pacing.share, ...(stage.protected ? { ceiling: pacing.maxRate } : {}) };
}

/** One line on how a stage is paced (printed by `plan`). */
export function describePacing(stage: DeclaringStage & Pick<StageConfig, 'protected'>, pacing: PacingSettings): string {
  const declared = declaredStageLimit(stage);
  if (declared) return `declared ${round(averageRate(declared))} r/s: paced at ${pacing.share} x = ${round(averageRate(declared) * pacing.share)} r/s`;
  const start = `no limit declared: adaptive from ${pacing.defaultRate} r/s`;
  if (stage.protected)
    return `${start}, up to pacing.maxRate = ${pacing.maxRate} r/s (protected: never probes for the limit), backs off at a 429 or a latency rise`;
  return `${start}, raised while the gateway keeps up, settles at ${pacing.share} x what it took at the first 429 or latency rise`;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * `share` of a declared limit for each of `processes`; the burst never below 1 (a request needs a token).
 * A pacer sends at most burst + rate x T in any T: under a window limit, three quarters of the share go to
 * the rate and one quarter to the burst, so no window (fixed or sliding) sees more than `share` of its limit.
 */
export function scaled(limits: Limits, share: number, processes = 1): PaceLimits {
  if (isWindow(limits))
    return { rate: (0.75 * share * averageRate(limits)) / processes, burst: Math.max(1, Math.floor((0.25 * share * limits.limit) / processes)) };
  return { rate: (limits.rate * share) / processes, burst: Math.max(1, Math.floor((limits.burst * share) / processes)) };
}

const strictest = (paces: PaceLimits[]): PaceLimits => ({ rate: Math.min(...paces.map((p) => p.rate)), burst: Math.min(...paces.map((p) => p.burst)) });
