import { describe, expect, it } from 'vitest';
import { k6Errors } from '../../src/load/k6-outcome.ts';
import type { ThresholdResult } from '../../src/load/summary.ts';

const crossed: ThresholdResult = { metric: 'gp_429_over', base: 'gp_429_over', tags: {}, expression: 'rate>=0.2', ok: false, stat: 'rate', value: 0 };
const held: ThresholdResult = { ...crossed, ok: true, value: 0.4 };
const run = (exitCode: number, extra: { timedOut?: boolean; output?: string } = {}) => ({ exitCode, timedOut: false, output: '', ...extra });

describe('k6 outcome', () => {
  it('exit 0, and exit 99 with crossed thresholds, are results, not errors (99 fails the gate through its checks)', () => {
    expect(k6Errors('slo', run(0), { found: true, thresholds: [held] }, 60)).toEqual([]);
    expect(k6Errors('throttle', run(99), { found: true, thresholds: [held, crossed] }, 60)).toEqual([]);
  });

  it('any other failure is a TOOL_FAILED error saying why', () => {
    expect(k6Errors('slo', run(107, { output: 'init\nTypeError: plan.mix is undefined\n' }), { found: false, thresholds: [] }, 60)).toEqual([
      'TOOL_FAILED: k6 slo failed (exit 107, the scenario threw an exception): init | TypeError: plan.mix is undefined',
    ]);
    expect(k6Errors('slo', run(-1, { timedOut: true }), { found: false, thresholds: [] }, 95)).toEqual([
      'TOOL_FAILED: k6 slo did not finish within 95 s and was stopped',
    ]);
    expect(k6Errors('slo', run(0), { found: false, thresholds: [] }, 60)).toEqual(['TOOL_FAILED: k6 slo wrote no summary']);
    expect(k6Errors('slo', run(99), { found: true, thresholds: [held] }, 60)[0]).toMatch(/exit 99.*shows none/);
  });
});
