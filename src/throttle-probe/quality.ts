import type { LimitEstimate } from './estimate.ts';
import type { Limits } from './schedule.ts';

/**
 * Whether a probe's timeline was too disturbed to judge (pure): the client or the gateway stalled (a loaded
 * CI machine, a gateway queueing requests), so times are off by more than the estimate can absorb. Each
 * uncertainty is turned into tokens (ms × rate) and compared with a tenth of the bucket (plus one token): a
 * disturbed probe is repeated rather than judged (see probe.ts), so a stall is not reported as a wrong limit.
 * Returns why, or undefined when the probe is sound. Probes that never throttled have nothing to disturb.
 */
export function disturbance(estimate: LimitEstimate, limits: Limits): string | undefined {
  const t = estimate.timing;
  if (!t || estimate.rate === undefined) return undefined;
  const allowance = 0.1 * limits.burst + 1;
  const tokens = (ms: number): number => (ms * limits.rate) / 1000;
  if (tokens(t.drainWindowMs) > 2 * allowance)
    return `the burst's first answer took ${Math.round(t.drainWindowMs)} ms (${tokens(t.drainWindowMs).toFixed(1)} tokens of uncertainty)`;
  if (tokens(t.rttSpreadMs) > allowance) return `round trips varied by ${Math.round(t.rttSpreadMs)} ms (${tokens(t.rttSpreadMs).toFixed(1)} tokens)`;
  if (t.residualTokens > allowance) return `accepted requests strayed ${t.residualTokens.toFixed(1)} tokens from a steady refill`;
  return undefined;
}

/** A comparable size of a probe's disturbance (tokens), to keep the best of several attempts. */
export function noiseTokens(estimate: LimitEstimate, limits: Limits): number {
  const t = estimate.timing;
  if (!t) return 0;
  return (t.drainWindowMs * limits.rate) / 2000 + (t.rttSpreadMs * limits.rate) / 1000 + t.residualTokens;
}
