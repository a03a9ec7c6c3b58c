import type { GateproofConfig } from '../config/load.ts';
import type { Limits } from '../config/schema.ts';
import { GateproofError } from '../domain/errors.ts';
import { isWindow } from '../gateway/limits.ts';
import type { Fault } from './faults.ts';

/** Every limit the config declares, in any stage and scope. */
function declaredLimits(config: Pick<GateproofConfig, 'stages'>): Limits[] {
  return Object.values(config.stages).flatMap((s) => [
    ...(s.throttle ? [s.throttle] : []),
    ...Object.values(s.operationThrottle),
    ...(s.usagePlan?.throttle ? [s.usagePlan.throttle] : []),
    ...Object.values(s.usagePlan?.operationThrottle ?? {}),
  ]);
}

/**
 * `burst:<n>` and `rate:<r>` change token buckets, `window-limit:<n>` windows: asked of a config that declares
 * none of that model, the fault would change nothing, so it is a usage error rather than a silent no-op.
 */
export function assertLimitFaultsApply(faults: readonly Fault[], config: Pick<GateproofConfig, 'stages' | 'configPath'>): void {
  const limits = declaredLimits(config);
  const hasWindow = limits.some(isWindow);
  const hasBucket = limits.some((l) => !isWindow(l));
  for (const fault of faults) {
    const missing =
      fault.name === 'window-limit' && !hasWindow
        ? 'a window limit { limit, window, kind }'
        : (fault.name === 'burst' || fault.name === 'rate') && !hasBucket
          ? 'a token bucket { rate, burst }'
          : undefined;
    if (missing)
      throw new GateproofError('USAGE', `fault "${fault.raw}" would change nothing: no stage of ${config.configPath} declares ${missing}`, {
        hint: fault.name === 'window-limit' ? 'burst:<n> and rate:<r> change token buckets' : 'window-limit:<n> changes window limits',
      });
  }
}
