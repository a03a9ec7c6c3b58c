import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrottleData, WindowEstimateData } from '../../../src/domain/result.ts';
import { resetSettle } from '../../../src/throttle-probe/settle.ts';
import { find, throttleGate, WINDOW_CONFIG, type ThrottleGate } from './gate.ts';

/**
 * The gate's throttle checks against window limiters on the real local gateway (window.config.ts): dev a
 * fixed window of 20 per second for the stage (Kong) and a sliding window of 8 per second on POST /orders;
 * prod a sliding window of 20 per second (HAProxy) and a usage plan's fixed window of 12 per 2 s per key.
 * The issue's false alarm (a correct "10 per second" fixed window failing throttle.rate and throttle.recovery)
 * is the first test.
 */
describe('throttle checks on correct window limiters', () => {
  let gate: ThrottleGate;
  beforeAll(async () => {
    resetSettle();
    gate = await throttleGate([], WINDOW_CONFIG);
  });
  afterAll(() => gate?.close());

  it('pass every check of both stages, each judged against its declared window', async () => {
    const results = [];
    for (const check of gate.checks.filter((c) => c.kind !== 'throttle.quota')) results.push(await gate.run(check, { allowProtected: true }));
    expect(results.map((r) => `${r.id} ${r.status}: ${r.actual}`)).toEqual(results.map((r) => `${r.id} passed: ${r.actual}`));
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'dev:throttle.rate:GET /health',
        'dev:throttle.recovery:GET /health',
        'prod:throttle.rate:GET /health',
        'dev:throttle.coverage:*',
        'prod:throttle.coverage:*',
      ]),
    );
    const fixed = results.find((r) => r.id === 'dev:throttle.rate:GET /health')!.data as ThrottleData;
    expect(fixed.declared).toEqual({ limit: 20, window: '1s', kind: 'fixed' });
    const seen = fixed.estimated as WindowEstimateData;
    expect(seen.pattern).toBe('windowed');
    expect(seen.perWindow).toBeGreaterThanOrEqual(18);
    expect(seen.perWindow).toBeLessThanOrEqual(22);
    expect(seen.windowMs).toBeGreaterThan(800);
    expect(seen.windowMs).toBeLessThan(1200);
    expect(seen.resetsMs!.length).toBeGreaterThanOrEqual(2);
    const coverage = results.find((r) => r.id === 'prod:throttle.coverage:*')!;
    expect(coverage.actual).toMatch(/^13 of 13 operations refused a burst beyond their limit \(2 limiters/);
  }, 240_000);
});

describe('throttle checks catch wrong window limiters', () => {
  const cases: { fault: string; failing: string[]; passing?: string[] }[] = [
    { fault: 'window-limit:10', failing: ['throttle.burst', 'throttle.rate'], passing: ['throttle.recovery', 'stage.throttle-isolation'] },
    { fault: 'window-limit:30', failing: ['throttle.burst', 'throttle.rate'], passing: ['throttle.recovery', 'stage.throttle-isolation'] },
    { fault: 'no-throttle', failing: ['throttle.burst', 'throttle.rate', 'throttle.recovery', 'stage.throttle-isolation', 'throttle.coverage'] },
  ];
  for (const { fault, failing, passing = [] } of cases) {
    it(`--fault ${fault}: ${failing.join(', ')} fail on both stages${passing.length ? `, ${passing.join(', ')} pass` : ''}`, async () => {
      resetSettle();
      const gate = await throttleGate([fault], WINDOW_CONFIG);
      try {
        for (const stage of ['dev', 'prod']) {
          for (const kind of [...failing, ...passing]) {
            const result = await gate.run(find(gate, `${stage}:${kind}:${kind === 'throttle.coverage' ? '*' : 'GET /health'}`), { allowProtected: true });
            expect(`${stage} ${kind} ${result.status}: ${result.actual}`).toMatch(
              new RegExp(`^${stage} ${kind.replace('.', '\\.')} ${failing.includes(kind) ? 'failed' : 'passed'}`),
            );
          }
        }
      } finally {
        await gate.close();
      }
    }, 180_000);
  }

  it('--fault throttle-skip:POST /pets: throttle.coverage fails on both stages naming POST /pets; the other operations stay covered', async () => {
    resetSettle();
    const gate = await throttleGate(['throttle-skip:POST /pets'], WINDOW_CONFIG);
    try {
      for (const stage of ['dev', 'prod']) {
        const result = await gate.run(find(gate, `${stage}:throttle.coverage:*`), { allowProtected: true });
        expect(result.status, result.actual).toBe('failed');
        expect(result.actual).toMatch(/POST \/pets let all \d+ requests through, none refused/);
        expect(result.actual).not.toMatch(/(GET|PUT|DELETE) \/\S+ let all/);
      }
    } finally {
      await gate.close();
    }
  }, 120_000);
});
