import { describe } from 'vitest';
import { exclusiveFaultCases } from './expect-caught.ts';
import { HTTP_API_GAUNTLET } from './faults.ts';

describe('defect gauntlet, HTTP APIs (examples/http-api): throttle and latency', () => {
  exclusiveFaultCases(HTTP_API_GAUNTLET);
});
