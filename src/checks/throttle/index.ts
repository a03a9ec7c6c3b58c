import type { CheckRegistry } from '../context.ts';
import { throttleBurst } from './burst.ts';
import { throttleCoverage } from './coverage.ts';
import { stageThrottleIsolation } from './isolation.ts';
import { throttleQuota } from './quota.ts';
import { throttleRate } from './rate.ts';
import { throttleRecovery } from './recovery.ts';

/** The serial checks that drain limiters (throttle.* and stage.throttle-isolation). */
export const throttleRunners: CheckRegistry = {
  'throttle.burst': throttleBurst,
  'throttle.rate': throttleRate,
  'throttle.recovery': throttleRecovery,
  'throttle.quota': throttleQuota,
  'throttle.coverage': throttleCoverage,
  'stage.throttle-isolation': stageThrottleIsolation,
};
