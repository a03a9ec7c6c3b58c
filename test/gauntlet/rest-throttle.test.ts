import { describe } from 'vitest';
import { exclusiveFaultCases } from './expect-caught.ts';
import { GAUNTLET } from './faults.ts';

describe('defect gauntlet, REST API (examples/): throttle and latency', () => {
  exclusiveFaultCases(GAUNTLET);
});
