import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { acquireAll, Pacer, tryTakeAll, type Clock } from '../../src/http/pacer.ts';
import { describePacing, rampSettings, scaled, stagePacing } from '../../src/http/pacing.ts';
import { summarizePacing } from '../../src/http/pacing-summary.ts';

/** A clock whose sleeps advance time instantly. */
function fakeClock(): Clock & { t: number } {
  const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
  return clock;
}

const pacing = { share: 0.5, concurrency: 4, defaultRate: 20, maxRate: 50 };
const ops = [
  { key: 'GET /pets', apiKeyRequired: true },
  { key: 'POST /orders', apiKeyRequired: true },
  { key: 'GET /health', apiKeyRequired: false },
];

describe('Pacer (token bucket)', () => {
  it('lets `burst` requests through at once, then one every 1/rate', () => {
    const p = new Pacer({ rate: 10, burst: 3 }, 0);
    for (let i = 0; i < 3; i++) expect(tryTakeAll([p], 0)).toBe(0);
    expect(tryTakeAll([p], 0)).toBeCloseTo(100);
    expect(tryTakeAll([p], 50)).toBeCloseTo(50);
    expect(tryTakeAll([p], 100)).toBe(0);
    expect(p.sent).toBe(4);
  });

  it('refills up to the burst only', () => {
    const p = new Pacer({ rate: 10, burst: 2 }, 0);
    tryTakeAll([p], 0);
    tryTakeAll([p], 0);
    for (let i = 0; i < 2; i++) expect(tryTakeAll([p], 10_000)).toBe(0);
    expect(tryTakeAll([p], 10_000)).toBeGreaterThan(0);
  });

  it('takes from several pacers only when all have a token (the strictest binds)', () => {
    const stage = new Pacer({ rate: 25, burst: 10 }, 0);
    const op = new Pacer({ rate: 5, burst: 1 }, 0);
    expect(tryTakeAll([stage, op], 0)).toBe(0);
    expect(tryTakeAll([stage, op], 0)).toBeCloseTo(200);
    // The stage pacer was not charged for the refused attempt.
    expect(stage.sent).toBe(1);
  });

  it('changes rate in place: tokens earned at the old rate are kept up to the new burst, the floor counts each rate', () => {
    const p = new Pacer({ rate: 10, burst: 5 }, 0);
    for (let i = 0; i < 5; i++) tryTakeAll([p], 0);
    p.setLimits({ rate: 100, burst: 2 }, 1000);
    expect(tryTakeAll([p], 1000)).toBe(0);
    expect(tryTakeAll([p], 1000)).toBe(0);
    expect(tryTakeAll([p], 1000)).toBeCloseTo(10);
    expect(p.floorMs).toBeCloseTo(5 * 100 + 2 * 10);
  });

  it('backs off without a burst: lowered, the next token comes after 1/rate', () => {
    const p = new Pacer({ rate: 100, burst: 25 }, 0);
    p.setLimits({ rate: 50, burst: 12 }, 10_000);
    expect(tryTakeAll([p], 10_000)).toBeCloseTo(20);
    expect(tryTakeAll([p], 10_020)).toBe(0);
  });

  it('never exceeds rate × elapsed + burst over a long run', async () => {
    const clock = fakeClock();
    const p = new Pacer({ rate: 25, burst: 10 }, clock.now());
    for (let i = 0; i < 260; i++) await acquireAll([p], clock);
    expect(clock.t).toBeGreaterThanOrEqual(((260 - 10) / 25) * 1000 - 1);
    expect(clock.t).toBeLessThanOrEqual(((260 - 10) / 25) * 1000 + 50);
  });
});

describe('stagePacing (the rates the smoke gate allows itself)', () => {
  const config = parseConfig(
    {
      spec: './openapi.yaml',
      stages: {
        dev: { baseURL: 'http://127.0.0.1:1/dev', throttle: { rate: 50, burst: 20 }, operationThrottle: { 'POST /orders': { rate: 10, burst: 5 } } },
        prod: { baseURL: 'http://127.0.0.1:1/prod', throttle: { rate: 100, burst: 50 }, usagePlan: { throttle: { rate: 80, burst: 40 } } },
        open: { baseURL: 'http://127.0.0.1:1/open' },
        guarded: { baseURL: 'http://127.0.0.1:1/guarded', protected: true, operationThrottle: { 'POST /orders': { rate: 60, burst: 30 } } },
      },
    },
    '/tmp/gateproof.config.ts',
    { environment: {} },
  );

  it('paces a stage at share × its stage throttle, with a stricter operation getting its own pacer', () => {
    expect(stagePacing(config.stages.dev!, ops, pacing)).toEqual({
      stage: { rate: 25, burst: 10 },
      operations: { 'POST /orders': { rate: 5, burst: 2 } },
      declared: { rate: 50, burst: 20 },
    });
  });

  it('uses the usage plan (per key) when it is stricter than the stage throttle', () => {
    expect(stagePacing(config.stages.prod!, ops, pacing)).toMatchObject({ stage: { rate: 40, burst: 20 }, operations: {} });
  });

  it('falls back to pacing.defaultRate when nothing is declared', () => {
    expect(stagePacing(config.stages.open!, ops, pacing)).toEqual({ stage: { rate: 20, burst: 5 }, operations: {} });
  });

  it('adapts the pace only where no stage limit is declared; on a protected stage up to pacing.maxRate', () => {
    expect(rampSettings(config.stages.dev!, pacing)).toBeUndefined();
    expect(rampSettings(config.stages.prod!, pacing)).toBeUndefined();
    expect(rampSettings(config.stages.open!, pacing)).toEqual({ startRate: 20, share: 0.5 });
    expect(rampSettings(config.stages.guarded!, pacing)).toEqual({ startRate: 20, share: 0.5, ceiling: 50 });
    expect(describePacing(config.stages.dev!, pacing)).toBe('declared 50 r/s: paced at 0.5 x = 25 r/s');
    expect(describePacing(config.stages.guarded!, pacing)).toMatch(/^no limit declared: adaptive from 20 r\/s, up to pacing.maxRate = 50 r\/s \(protected/);
  });

  it('keeps a pacer for every declared operation limit where the stage pace adapts (it may climb past them)', () => {
    expect(stagePacing(config.stages.guarded!, ops, pacing).operations).toEqual({ 'POST /orders': { rate: 30, burst: 15 } });
  });

  it('splits the allowed rate between processes and keeps the burst at least 1', () => {
    expect(scaled({ rate: 50, burst: 20 }, 0.5, 2)).toEqual({ rate: 12.5, burst: 5 });
    expect(scaled({ rate: 2, burst: 1 }, 0.5)).toEqual({ rate: 1, burst: 1 });
  });
});

describe('summarizePacing', () => {
  it('sums processes per stage; a stage floor is its slowest pacer; the run floor the slowest stage', () => {
    const stat = (stage: string, sent: number, rate: number, op?: [string, number, number]) => ({
      stage,
      requests: sent,
      throttled: 0,
      retried: 0,
      stagePacer: { limits: { rate, burst: 1 }, sent },
      operationPacers: op ? { [op[0]]: { limits: { rate: op[2], burst: 1 }, sent: op[1] } } : {},
    });
    const summary = summarizePacing([stat('dev', 100, 25, ['POST /orders', 30, 5]), stat('dev', 100, 25), stat('prod', 120, 40)]);
    expect(summary.stages.dev).toEqual({ requests: 200, throttled: 0, floorMs: 8000, rate: 25 });
    expect(summary.stages.prod!.floorMs).toBe(3000);
    expect(summary.floorMs).toBe(8000);
    expect(summary.requests).toBe(320);
  });
});
