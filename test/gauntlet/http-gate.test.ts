import { describe, expect, it } from 'vitest';
import { FAULT_SYNTAX } from '../../src/emulator/index.ts';
import { gateFaultCases } from './expect-caught.ts';
import { HTTP_API_GAUNTLET, faultName } from './faults.ts';

describe('defect gauntlet, HTTP APIs (examples/http-api): auth, route and stage', () => {
  it('covers every fault the HTTP-API mode takes (the REST-only ones are refused there), each alone', () => {
    const restOnly = ['key-any-stage', 'quota-off', 'validators-off', 'sigv4-any', 'implicit-methods', 'drop-path-param'];
    // HTTP APIs throttle with token buckets: the example declares no window for window-limit to change (refused).
    const noWindow = ['window-limit'];
    const applicable = FAULT_SYNTAX.map(faultName).filter((f) => !restOnly.includes(f) && !noWindow.includes(f));
    expect(HTTP_API_GAUNTLET.every((c) => c.faults.length === 1)).toBe(true);
    expect([...new Set(HTTP_API_GAUNTLET.flatMap((c) => c.faults.map(faultName)))].sort()).toEqual(applicable.sort());
  });

  gateFaultCases(HTTP_API_GAUNTLET);
});
