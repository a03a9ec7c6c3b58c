import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetSettle } from '../../../src/throttle-probe/settle.ts';
import type { BucketEstimate, ThrottleData } from '../../../src/domain/result.ts';
import { find, throttleGate, type ThrottleGate } from './gate.ts';
import { exampleEnv } from '../../helpers/example-env.ts';

/**
 * The gate's throttle checks against the real local gateway (examples/: dev 50/s burst 20, POST /orders
 * 10/s burst 5, a quota of 5; prod protected). Each probe waits for its bucket to refill, so the checks of
 * one gateway run one after the other, as in the gate's serial phase.
 */
describe('throttle checks on the clean local gateway', () => {
  let gate: ThrottleGate;
  beforeAll(async () => {
    resetSettle();
    gate = await throttleGate();
  });
  afterAll(() => gate?.close());

  it('pass every dev throttle check, with estimates beside the declared limits', async () => {
    const results = [];
    for (const check of gate.checks.filter((c) => c.stage === 'dev')) results.push(await gate.run(check));
    expect(results.map((r) => `${r.id} ${r.status}: ${r.actual}`)).toEqual(results.map((r) => `${r.id} passed: ${r.actual}`));
    expect(results.map((r) => r.kind).sort()).toEqual([
      'stage.throttle-isolation',
      'throttle.burst',
      'throttle.burst',
      'throttle.coverage',
      'throttle.quota',
      'throttle.rate',
      'throttle.rate',
      'throttle.recovery',
      'throttle.recovery',
    ]);
    const rate = results.find((r) => r.id === 'dev:throttle.rate:GET /health')!.data as ThrottleData;
    expect(rate.declared).toEqual({ rate: 50, burst: 20 });
    const estimated = rate.estimated as BucketEstimate;
    expect(estimated.rate!).toBeGreaterThan(40);
    expect(estimated.rate!).toBeLessThan(60);
    expect(estimated.burst!).toBeGreaterThan(16);
    expect(estimated.burst!).toBeLessThan(24);
    expect(rate.requests).toBeLessThanOrEqual(20 + 3 * 50);
    expect(rate.timeline.some((s) => s.throttled > 0) && rate.timeline.some((s) => s.accepted > 0)).toBe(true);
  }, 120_000);

  it('passes the quota check again once the key is used up (a rerun on the same day)', async () => {
    const result = await gate.run(find(gate, 'dev:throttle.quota:GET /pets'));
    expect(result.status).toBe('passed');
    expect(result.actual).toMatch(/first request already got the quota answer/);
  });

  it('skips the protected stage unless allowed, and passes it when allowed', async () => {
    const check = find(gate, 'prod:throttle.burst:GET /health');
    expect((await gate.run(check)).status).toBe('skipped');
    const allowed = await gate.run(check, { allowProtected: true });
    expect(allowed.status, allowed.actual).toBe('passed');
    const quota = await gate.run(find(gate, 'prod:throttle.quota:GET /pets'), { allowProtected: true });
    expect(quota.status, quota.actual).toBe('passed');
  }, 60_000);

  it('keeps credentials out of the evidence', async () => {
    const result = await gate.run(find(gate, 'dev:throttle.burst:POST /orders'));
    const text = JSON.stringify(result);
    expect(text).not.toContain(exampleEnv().DEV_API_KEY);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(result.evidence.length).toBeGreaterThan(1);
  }, 30_000);
});

describe('throttle checks catch throttle misconfigurations', () => {
  const cases: { fault: string; failing: string[]; passing?: string[] }[] = [
    { fault: 'no-throttle', failing: ['throttle.burst', 'throttle.rate', 'throttle.recovery', 'stage.throttle-isolation'] },
    { fault: 'rate:25', failing: ['throttle.rate'], passing: ['throttle.burst'] },
    { fault: 'rate:100', failing: ['throttle.rate'], passing: ['throttle.burst'] },
    { fault: 'burst:10', failing: ['throttle.burst', 'throttle.rate'] },
    { fault: 'burst:30', failing: ['throttle.burst', 'throttle.rate'] },
  ];
  for (const { fault, failing, passing = [] } of cases) {
    it(`--fault ${fault}: ${failing.join(', ')} fail${passing.length ? `, ${passing.join(', ')} pass` : ''}`, async () => {
      resetSettle();
      const gate = await throttleGate([fault]);
      try {
        for (const kind of [...failing, ...passing]) {
          const result = await gate.run(find(gate, `dev:${kind}:GET /health`));
          expect(`${kind} ${result.status}: ${result.actual}`).toMatch(
            new RegExp(`^${kind.replace('.', '\\.')} ${failing.includes(kind) ? 'failed' : 'passed'}`),
          );
        }
      } finally {
        await gate.close();
      }
    }, 60_000);
  }

  it('--fault throttle-skip:POST /pets: throttle.coverage fails naming the operation; the probes of GET /health pass', async () => {
    resetSettle();
    const gate = await throttleGate(['throttle-skip:POST /pets']);
    try {
      const coverage = await gate.run(find(gate, 'dev:throttle.coverage:*'));
      expect(coverage.status, coverage.actual).toBe('failed');
      expect(coverage.actual).toMatch(
        /^13 of 14 operations refused a burst beyond their limit .*: POST \/pets let all \d+ requests through, none refused: the stage POST \/pets limiter does not count it$/,
      );
      for (const kind of ['throttle.burst', 'throttle.recovery', 'stage.throttle-isolation']) {
        const result = await gate.run(find(gate, `dev:${kind}:GET /health`));
        expect(result.status, `${kind}: ${result.actual}`).toBe('passed');
      }
    } finally {
      await gate.close();
    }
  }, 60_000);

  it('--fault quota-off: the quota check fails', async () => {
    resetSettle();
    const gate = await throttleGate(['quota-off']);
    try {
      const result = await gate.run(find(gate, 'dev:throttle.quota:GET /pets'));
      expect(result.status).toBe('failed');
      expect(result.actual).toMatch(/never enforced/);
    } finally {
      await gate.close();
    }
  }, 30_000);
});
