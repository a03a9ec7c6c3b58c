import { describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../src/profiles/builtin.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import { classify, type ProbeEvent } from '../../src/throttle-probe/events.ts';
import { median, quantile, theilSen } from '../../src/throttle-probe/stats.ts';
import { throttleData, toTimeline } from '../../src/throttle-probe/timeline.ts';
import { band, judgeBurst, judgeRate } from '../../src/throttle-probe/tolerance.ts';

const aws = builtinProfiles['aws-rest'];
const throttled = { status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: '{"message":"Too Many Requests"}' };
const quota = { status: 429, headers: { 'x-amzn-errortype': 'LimitExceededException' }, body: '{"message":"Limit Exceeded"}' };

describe('classify', () => {
  it('tells throttled, quota and accepted answers apart by the profile', () => {
    expect(classify(aws, throttled)).toEqual({ outcome: 'throttled', signatureProblems: [] });
    expect(classify(aws, quota).outcome).toBe('quota');
    expect(classify(aws, { status: 200, headers: {}, body: '{}' })).toEqual({ outcome: 'accepted' });
    expect(classify(aws, { status: 403, headers: {}, body: '' })).toEqual({ outcome: 'accepted' });
  });

  it('flags a 429 without the throttle signature', () => {
    const c = classify(aws, { status: 429, headers: {}, body: 'slow down' });
    expect(c.outcome).toBe('throttled');
    expect(c.signatureProblems!.join(' ')).toMatch(/body does not match.*x-amzn-errortype missing/);
  });

  it('still separates quota from throttling when the spec customises QUOTA_EXCEEDED with a wildcard template', () => {
    const profile = resolveProfile(
      { profile: 'aws-rest' },
      {
        gatewayResponses: {
          QUOTA_EXCEEDED: {
            type: 'QUOTA_EXCEEDED',
            statusCode: 429,
            responseParameters: {},
            responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
          },
        },
      },
    );
    expect(classify(profile, quota).outcome).toBe('quota');
    expect(classify(profile, throttled).outcome).toBe('throttled');
  });

  it('calls a bare 429 throttled when the profile cannot tell (generic)', () => {
    expect(classify(builtinProfiles.generic, { status: 429, headers: {}, body: '' }).outcome).toBe('throttled');
  });
});

describe('stats', () => {
  it('median, quantile', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeUndefined();
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5);
  });

  it('Theil–Sen ignores outliers that bend least squares', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const ys = xs.map((x, i) => 2 * x + 1 + (i % 10 === 0 ? 40 : 0));
    expect(theilSen(xs, ys)).toBeCloseTo(2, 5);
    expect(theilSen([1], [1])).toBeUndefined();
  });
});

describe('tolerance', () => {
  it('bands keep a token of slack for small buckets', () => {
    expect(band(20, 0.3, 1)).toEqual({ low: 14, high: 26 });
    expect(band(2, 0.3, 1)).toEqual({ low: 1, high: 3 });
  });

  it('judges estimates and says why', () => {
    expect(judgeRate({ rate: 48, fitted: 10, notes: [] }, 50, 0.3)).toEqual({ ok: true, text: 'rate 48/s (declared 50/s, allowed 35–65)' });
    expect(judgeRate({ rate: 25, fitted: 10, notes: [] }, 50, 0.3).ok).toBe(false);
    expect(judgeRate({ rateAtLeast: 100, fitted: 0, notes: [] }, 50, 0.3).text).toMatch(/at least 100\/s/);
    expect(judgeBurst({ burstAtLeast: 135, fitted: 0, notes: [] }, 20, 0.3)).toMatchObject({ ok: false });
    expect(judgeBurst({ burst: 5.4, fitted: 5, notes: [] }, 5, 0.3).ok).toBe(true);
    expect(judgeBurst({ fitted: 0, notes: ['no responses'] }, 5, 0.3).text).toMatch(/not measurable: no responses/);
  });
});

describe('timeline', () => {
  const ev = (sentAt: number, outcome: ProbeEvent['outcome']): ProbeEvent => ({
    phase: 'stream',
    sentAt,
    doneAt: sentAt + 1,
    status: outcome === 'accepted' ? 200 : 429,
    outcome,
  });
  it('slices accepted vs throttled by send time, about 40 slices whatever the length', () => {
    const events = [ev(1000, 'accepted'), ev(1005, 'throttled'), ev(1120, 'accepted'), ev(1130, 'error'), ev(4000, 'throttled')];
    expect(toTimeline(events)).toEqual([
      { tMs: 0, accepted: 1, throttled: 1 },
      { tMs: 100, accepted: 1, throttled: 0 },
      { tMs: 3000, accepted: 0, throttled: 1 },
    ]);
    const long = Array.from({ length: 1000 }, (_, i) => ev(i * 10, i % 2 ? 'accepted' : 'throttled'));
    expect(toTimeline(long).length).toBeLessThanOrEqual(40);
    expect(toTimeline([])).toEqual([]);
  });

  it('throttleData carries declared and rounded estimates', () => {
    const data = throttleData({ rate: 50, burst: 20 }, [ev(0, 'accepted')], { rate: 49.876, burst: 20.04 });
    expect(data).toMatchObject({ type: 'throttle', declared: { rate: 50, burst: 20 }, estimated: { rate: 49.9, burst: 20 }, requests: 1 });
    expect(throttleData({ rate: 1, burst: 1 }, [], {}).estimated).toBeUndefined();
  });
});

describe('disturbance', () => {
  const limits = { rate: 50, burst: 20 };
  const est = (timing: { drainWindowMs: number; rttSpreadMs: number; residualTokens: number }) => ({ rate: 50, burst: 20, fitted: 40, notes: [], timing });
  it('accepts a steady timeline and flags stalls, queueing and scattered refills (in tokens of the bucket)', async () => {
    const { disturbance, noiseTokens } = await import('../../src/throttle-probe/quality.ts');
    expect(disturbance(est({ drainWindowMs: 20, rttSpreadMs: 2, residualTokens: 0.4 }), limits)).toBeUndefined();
    expect(disturbance(est({ drainWindowMs: 300, rttSpreadMs: 2, residualTokens: 0.4 }), limits)).toMatch(/first answer took 300 ms/);
    expect(disturbance(est({ drainWindowMs: 5, rttSpreadMs: 80, residualTokens: 0.4 }), limits)).toMatch(/round trips varied by 80 ms/);
    expect(disturbance(est({ drainWindowMs: 5, rttSpreadMs: 2, residualTokens: 6 }), limits)).toMatch(/strayed 6.0 tokens/);
    expect(disturbance({ burstAtLeast: 100, fitted: 0, notes: [] }, limits)).toBeUndefined();
    expect(noiseTokens(est({ drainWindowMs: 300, rttSpreadMs: 0, residualTokens: 0 }), limits)).toBeGreaterThan(
      noiseTokens(est({ drainWindowMs: 20, rttSpreadMs: 0, residualTokens: 0 }), limits),
    );
  });
});
