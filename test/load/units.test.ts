import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GateproofError } from '../../src/domain/errors.ts';
import { parseDuration } from '../../src/load/duration.ts';
import { ensureK6 } from '../../src/load/ensure-k6.ts';
import { foldThresholds } from '../../src/load/fold.ts';
import { cachedK6Path, findK6, userCacheDir } from '../../src/load/k6-binary.ts';
import { mixRate, weightedSequence } from '../../src/load/mix.ts';
import { credentialsTemplate } from '../../src/load/archive.ts';
import { parseMetricName, statOf, thresholdsOf } from '../../src/load/summary.ts';
import { targetTiming } from '../../src/load/throttle-targets.ts';

describe('mix', () => {
  const op = (key: string, apiKeyRequired = false) => ({ key, method: key.split(' ')[0] as 'GET', apiKeyRequired });

  it('keeps every bucket at the share of its limit: per method, and per key across keyed methods', () => {
    const ops = [op('GET /a'), op('GET /b', true), op('POST /c', true)];
    // weights 4, 4, 1 (total 9); stage 50/s per method, POST /c 10/s, plan 20/s per key over GET /b + POST /c.
    const stage = {
      throttle: { rate: 50, burst: 20 },
      operationThrottle: { 'POST /c': { rate: 10, burst: 5 } },
      usagePlan: { throttle: { rate: 20, burst: 10 }, operationThrottle: {} },
    };
    // min(0.5*20*9/4 [GET /b's own min(50,20)], 0.5*10*9/1, 0.5*50*9/4, plan: 0.5*20*9/5) = min(22.5, 45, 56.25, 18) = 18
    expect(mixRate(ops, stage, 0.5, 20)).toBe(18);
    expect(mixRate([op('GET /a')], { operationThrottle: {} }, 0.5, 20)).toBe(10);
  });

  it('spreads operations by weight instead of running them in blocks', () => {
    const seq = weightedSequence([4, 1, 4]);
    expect(seq).toHaveLength(9);
    expect(seq.filter((i) => i === 1)).toHaveLength(1);
    expect(seq.filter((i) => i === 0)).toHaveLength(4);
    expect(seq.slice(0, 2)).not.toEqual([0, 0]);
  });
});

describe('throttle scenario timing and bands', () => {
  const l = { rate: 50, burst: 20 };
  const t = targetTiming(l, 10, 0.3, 300);
  /** The share the over phase sees for a gateway with these actual limits (bucket emptied by the burst). */
  const overShare = (rate: number, burst: number): number =>
    Math.max(0, 1 - (Math.min(burst, rate * 0.5) + rate * t.over.durationS) / (t.over.rate * t.over.durationS));
  const inside = (v: number, [lo, hi]: [number, number]): boolean => v >= lo && v <= hi;

  it('orders the phases inside the duration and bounds the requests', () => {
    expect(t.under.startS).toBe(0);
    expect(t.burstPhase.startS).toBeGreaterThan(t.under.durationS);
    expect(t.over.startS).toBeGreaterThanOrEqual(t.burstPhase.startS + t.burstPhase.warmupS + 0.5);
    expect(t.recovery.startS).toBeGreaterThan(t.over.startS + t.over.durationS + l.burst / l.rate);
    expect(t.endS).toBeCloseTo(10, 5);
    expect(t.over.durationS).toBe(2 * t.under.durationS);
    expect(t.requests).toBeLessThan(1000);
    // Too short a duration: the phases keep their floors.
    const short = targetTiming(l, 1, 0.3, 300);
    expect(short.under.durationS).toBe(1);
    expect(short.over.durationS).toBe(2);
    // A low rate: the over phase still sends enough requests for a share to mean something.
    const slow = targetTiming({ rate: 2, burst: 2 }, 6, 0.3, 300);
    expect(slow.over.rate * slow.over.durationS).toBeGreaterThanOrEqual(24);
  });

  it('puts the declared gateway inside every band and gateways 50% off in rate, or not throttling, outside', () => {
    expect(inside(overShare(50, 20), t.bands.overThrottled)).toBe(true);
    for (const rate of [25, 75, 100]) expect(inside(overShare(rate, 20), t.bands.overThrottled), `rate ${rate}`).toBe(false);
    expect(inside(overShare(1e9, 1e9), t.bands.overThrottled)).toBe(false);
    expect(t.bands.overThrottled[0]).toBeGreaterThan(0);
  });

  it('sends twice the burst: at least 70% of the burst must pass, and not all of it', () => {
    expect(t.burstPhase.count).toBe(42);
    expect(t.bands.burst.minAccepted).toBeLessThanOrEqual(14 / 42);
    expect(t.bands.burst.minAccepted).toBeGreaterThan(13 / 42);
    expect(t.bands.burst.someThrottled).toBe(true);
    // Capped VUs leave too small a surplus for a verdict on the upper side: no "some 429" threshold then.
    const capped = targetTiming({ rate: 500, burst: 200 }, 10, 0.3, 300);
    expect(capped.burstPhase.count).toBe(300);
    expect(capped.bands.burst.someThrottled).toBe(false);
  });
});

describe('throttle scenario timing and bands for windows', () => {
  const inside = (v: number, [lo, hi]: [number, number]): boolean => v >= lo && v <= hi;
  /** The 429 share of the over phase for a fixed window letting `actual` through per calendar window (the burst's window used up). */
  const fixedShare = (t: ReturnType<typeof targetTiming>, actual: number, windowS: number): number => {
    const offered = t.over.rate * t.over.durationS;
    return Math.max(0, 1 - (actual * Math.floor(t.over.durationS / windowS)) / offered);
  };

  it('waits for a fresh window before the burst and the recovery, and spans several windows above the limit', () => {
    const fixed = targetTiming({ limit: 10, window: '1s', kind: 'fixed' }, 10, 0.3, 300);
    expect(fixed.burstPhase.startS - fixed.under.durationS).toBeGreaterThanOrEqual(1);
    expect(fixed.recovery.startS - (fixed.over.startS + fixed.over.durationS)).toBeGreaterThanOrEqual(1);
    expect(fixed.over.durationS).toBeGreaterThanOrEqual(4);
    expect(fixed.under.rate).toBe(5);
    expect(fixed.over.rate).toBe(20);
    const sliding = targetTiming({ limit: 10, window: '2s', kind: 'sliding' }, 10, 0.3, 300);
    expect(sliding.burstPhase.startS - sliding.under.durationS).toBeGreaterThanOrEqual(4);
    expect(sliding.over.durationS).toBeGreaterThanOrEqual(8);
  });

  it('puts a correct fixed window inside the over band and no limiter below it; a sliding window may starve under overload', () => {
    const fixed = targetTiming({ limit: 10, window: '1s', kind: 'fixed' }, 10, 0.3, 300);
    expect(inside(fixedShare(fixed, 10, 1), fixed.bands.overThrottled)).toBe(true);
    expect(inside(0, fixed.bands.overThrottled)).toBe(false);
    const sliding = targetTiming({ limit: 10, window: '1s', kind: 'sliding' }, 10, 0.3, 300);
    expect(inside(0, sliding.bands.overThrottled)).toBe(false);
    expect(inside(0.5, sliding.bands.overThrottled)).toBe(true);
    // HAProxy's http_req_rate also counts refused requests: under a lasting overload nothing passes, rightly.
    expect(sliding.bands.overThrottled[1]).toBe(1);
  });

  it('the burst: at least 70% of the limit must pass; only a sliding window must refuse part of it (a fixed one may straddle an edge)', () => {
    const fixed = targetTiming({ limit: 10, window: '1s', kind: 'fixed' }, 10, 0.3, 300);
    expect(fixed.burstPhase.count).toBe(22);
    expect(fixed.bands.burst.minAccepted).toBeCloseTo(7 / 22, 2);
    expect(fixed.bands.burst.someThrottled).toBe(false);
    expect(targetTiming({ limit: 10, window: '1s', kind: 'sliding' }, 10, 0.3, 300).bands.burst.someThrottled).toBe(true);
  });
});

describe('k6 summary', () => {
  const summary = {
    metrics: {
      'http_req_duration{operation:GET /pets/{petId}}': { 'p(95)': 12.5, 'p(99)': 30, thresholds: { 'p(95)<150': false, 'p(99)<20': true } },
      gp_throttled: { value: 0, passes: 0, fails: 10, thresholds: { 'rate==0': false } },
      gp_429_signature_mismatch: { value: 0, passes: 0, fails: 0, thresholds: { 'rate==0': false } },
      http_reqs: { count: 10 },
    },
  };

  it('lists every threshold with its outcome and figure', () => {
    const t = thresholdsOf(summary);
    expect(t.map((x) => [x.base, x.tags.operation, x.expression, x.ok, x.value, x.samples])).toEqual([
      ['gp_429_signature_mismatch', undefined, 'rate==0', true, undefined, 0],
      ['gp_throttled', undefined, 'rate==0', true, 0, 10],
      ['http_req_duration', 'GET /pets/{petId}', 'p(95)<150', true, 12.5, undefined],
      ['http_req_duration', 'GET /pets/{petId}', 'p(99)<20', false, 30, undefined],
    ]);
    expect(parseMetricName('a{x:1,y:b:c}')).toEqual({ base: 'a', tags: { x: '1', y: 'b:c' } });
    expect(statOf('p(99.9)<5')).toBe('p(99.9)');
    expect(statOf('count==0')).toBe('count');
  });

  it('folds thresholds into unique, stable load.threshold checks with percentiles beside the SLO', () => {
    const checks = foldThresholds({
      stage: 'dev',
      scenario: 'slo',
      thresholds: thresholdsOf(summary),
      percentiles: [{ operation: 'GET /pets/{petId}', count: 10, p95: 12.5 }],
      slo: { '*': { p95: 250 } },
      source: 'k6 run',
    });
    expect(checks.map((c) => c.id)).toEqual([
      'dev:load.threshold:* slo gp_429_signature_mismatch rate==0',
      'dev:load.threshold:* slo gp_throttled rate==0',
      'dev:load.threshold:GET /pets/{petId} slo http_req_duration p(95)<150',
      'dev:load.threshold:GET /pets/{petId} slo http_req_duration p(99)<20',
    ]);
    expect(checks.map((c) => c.status)).toEqual(['passed', 'passed', 'passed', 'failed']);
    expect(checks.map((c) => c.actual)).toEqual(['no samples', 'rate=0.0% (0 of 10)', 'p(95)=12.5 ms', 'p(99)=30.0 ms: threshold p(99)<20 crossed']);
    expect(checks[2]!.data).toMatchObject({
      type: 'load',
      scenario: 'slo',
      metric: 'http_req_duration{operation:GET /pets/{petId}}',
      threshold: 'p(95)<150',
      value: 12.5,
      percentiles: [{ operation: 'GET /pets/{petId}', p95: 12.5, slo: { p95: 250 } }],
    });
    expect(checks[1]!.operation).toBe('*');
    expect(checks[2]!.operation).toBe('GET /pets/{petId}');
    // The same summary folds into the same ids (stable across runs).
    expect(foldThresholds({ stage: 'dev', scenario: 'slo', thresholds: thresholdsOf(summary), percentiles: [], slo: {}, source: '' }).map((c) => c.id)).toEqual(
      checks.map((c) => c.id),
    );
  });
});

describe('misc', () => {
  it('parses durations', () => {
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration('2m')).toBe(120);
    expect(() => parseDuration('soon')).toThrow(GateproofError);
  });

  it('writes a credentials template with placeholders only', () => {
    const env = { GATEPROOF_K6_CREDENTIALS: JSON.stringify({ 'GET /pets': { 'x-api-key': 'secret-key-1234', authorization: 'Bearer eyJabc' } }) };
    expect(credentialsTemplate(env)).toEqual({
      GATEPROOF_K6_CREDENTIALS: { 'GET /pets': { 'x-api-key': '<x-api-key>', authorization: 'Bearer <authorization>' } },
    });
  });
});

describe('finding k6', () => {
  const root = mkdtempSync(join(tmpdir(), 'gp-k6root-'));
  const cache = join(root, 'cache');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  const fake = (dir: string, name: string): string => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\necho k6\n');
    chmodSync(path, 0o755);
    return path;
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes K6_BINARY, then PATH, then the user-level cache', () => {
    const env = { PATH: '', GATEPROOF_CACHE_DIR: cache };
    expect(findK6(env, 'v9.9.9')).toBeUndefined();
    const cached = fake(join(cache, 'k6', 'v9.9.9'), 'k6');
    expect(findK6(env, 'v9.9.9')).toEqual({ path: cached, source: 'cache' });
    const onPath = fake(bin, 'k6');
    expect(findK6({ ...env, PATH: bin }, 'v9.9.9')).toEqual({ path: onPath, source: 'PATH' });
    const named = fake(join(root, 'elsewhere'), 'my-k6');
    expect(findK6({ ...env, PATH: bin, K6_BINARY: named }, 'v9.9.9')).toEqual({ path: named, source: 'K6_BINARY' });
    expect(findK6({ K6_BINARY: join(root, 'missing') }, 'v9.9.9')).toEqual({ badK6Binary: join(root, 'missing') });
    rmSync(cache, { recursive: true });
    rmSync(onPath);
  });

  it('the cache outlives node_modules: GATEPROOF_CACHE_DIR, else XDG_CACHE_HOME/gateproof, else the home cache folder', () => {
    expect(userCacheDir({ GATEPROOF_CACHE_DIR: cache, XDG_CACHE_HOME: '/x' })).toBe(cache);
    expect(userCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/gateproof');
    expect(userCacheDir({ HOME: '/home/ci' }, 'linux')).toBe('/home/ci/.cache/gateproof');
    expect(userCacheDir({ HOME: '/Users/ci' }, 'darwin')).toBe('/Users/ci/Library/Caches/gateproof');
    expect(cachedK6Path('v9.9.9', { HOME: '/home/ci' })).toBe('/home/ci/.cache/gateproof/k6/v9.9.9/k6');
  });

  it('without k6 and without Go: TOOL_MISSING (exit 3) naming `npx gateproof setup` and how to install k6', async () => {
    const error = await ensureK6({ env: { PATH: join(root, 'nothing'), GATEPROOF_CACHE_DIR: cache }, version: 'v9.9.9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GateproofError);
    expect((error as GateproofError).exitCode).toBe(3);
    expect((error as GateproofError).describe()).toMatch(/k6 is not installed.*no Go[\s\S]*install k6 v9\.9\.9.*K6_BINARY.*npx gateproof setup.*go\.dev/);
  });
});
