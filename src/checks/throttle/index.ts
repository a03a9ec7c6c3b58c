import type { CheckRegistry } from '../context.ts';
import { throttleBurst } from './burst.ts';
import { stageThrottleIsolation } from './isolation.ts';
import { throttleQuota } from './quota.ts';
import { throttleRate } from './rate.ts';
import { throttleRecovery } from './recovery.ts';

/** The serial checks that drain token buckets (throttle.* and stage.throttle-isolation). */
export const throttleRunners: CheckRegistry = {
  'throttle.burst': throttleBurst,
  'throttle.rate': throttleRate,
  'throttle.recovery': throttleRecovery,
  'throttle.quota': throttleQuota,
  'stage.throttle-isolation': stageThrottleIsolation,
};
