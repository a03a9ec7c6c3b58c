import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, TokenBucket, type LocalGateway } from '../../src/emulator/index.ts';
import { periodEnd, Quota } from '../../src/emulator/quota.ts';
import { effectiveLimits } from '../../src/gateway/limits.ts';
import { burst, count, inlineConfig, inlineModel, request, sleep } from './helpers.ts';

/** Throttling with AWS semantics over real HTTP. Timing assertions are deliberately tolerant (2 busy cores). */

const mock = (keyed: boolean) => ({
  ...(keyed ? { security: [{ api_key: [] }] } : {}),
  responses: { '200': { description: 'ok', content: { 'application/json': { example: { ok: true } } } } },
  'x-amazon-apigateway-integration': { type: 'mock' },
});
const model = inlineModel({
  paths: {
    '/a': { get: mock(false) },
    '/b': { get: mock(false) },
    '/slow': { get: mock(false) },
    '/k1': { get: mock(true) },
    '/k2': { get: mock(true) },
    '/kop': { get: mock(true) },
  },
  components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
});

let gw: LocalGateway;
beforeAll(async () => {
  const config = inlineConfig({
    stages: {
      blue: {
        baseURL: 'http://127.0.0.1/blue',
        credentials: { apiKeys: { default: 'blue-key-one-1234', second: 'blue-key-two-5678', quota: 'blue-quota-key-9' } },
        throttle: { rate: 1, burst: 10 },
        operationThrottle: { 'GET /slow': { rate: 1, burst: 3 } },
        usagePlan: { throttle: { rate: 1, burst: 4 }, operationThrottle: { 'GET /kop': { rate: 1, burst: 2 } } },
        quota: { key: 'quota', limit: 3, period: 'DAY' },
      },
      green: { baseURL: 'http://127.0.0.1/green', credentials: { apiKeys: { default: 'green-key-1234' } }, throttle: { rate: 1, burst: 10 } },
    },
  });
  gw = await startLocalGateway({ config, model });
});
afterAll(() => gw.close());

const get = (path: string, key?: string) => () => request(gw, 'GET', path, key ? { 'x-api-key': key } : {});

describe('token buckets over HTTP', () => {
  it('a burst of burst+N yields about `burst` successes and 429 Too Many Requests for the rest', async () => {
    const statuses = await burst(16, get('/blue/a'));
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(10);
    expect(count(statuses, 200)).toBeLessThanOrEqual(12);
    expect(count(statuses, 429)).toBe(16 - count(statuses, 200));
    const r = await request(gw, 'GET', '/blue/a');
    expect(r.status).toBe(429);
    expect(r.body).toBe('{"message":"Too Many Requests"}');
    expect(r.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(r.headers['retry-after']).toBeUndefined();
  });

  it('each method has its own bucket; operationThrottle replaces the stage default for its method', async () => {
    expect((await request(gw, 'GET', '/blue/b')).status).toBe(200);
    const slow = await burst(8, get('/blue/slow'));
    expect(count(slow, 200)).toBeGreaterThanOrEqual(3);
    expect(count(slow, 200)).toBeLessThanOrEqual(4);
  });

  it('stages are independent: draining blue leaves green answering', async () => {
    await burst(14, get('/blue/b'));
    expect((await request(gw, 'GET', '/blue/b')).status).toBe(429);
    expect((await request(gw, 'GET', '/green/b')).status).toBe(200);
  });

  it('usage-plan throttle is one bucket per key across methods; other keys are independent', async () => {
    const first = [...(await burst(3, get('/blue/k1', 'blue-key-one-1234'))), ...(await burst(3, get('/blue/k2', 'blue-key-one-1234')))];
    expect(count(first, 200)).toBeGreaterThanOrEqual(4);
    expect(count(first, 200)).toBeLessThanOrEqual(5);
    expect(count(first, 429)).toBeGreaterThanOrEqual(1);
    const second = await burst(4, get('/blue/k1', 'blue-key-two-5678'));
    expect(count(second, 200)).toBeGreaterThanOrEqual(3);
  });

  it('usagePlan.operationThrottle is per key per method', async () => {
    const statuses = await burst(5, get('/blue/kop', 'blue-key-two-5678'));
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(2);
    expect(count(statuses, 200)).toBeLessThanOrEqual(3);
  });
});

describe('refill and steady rate', () => {
  let local: LocalGateway;
  beforeAll(async () => {
    const config = inlineConfig({
      stages: {
        live: { baseURL: 'http://127.0.0.1/live', throttle: { rate: 5, burst: 5 }, operationThrottle: { 'GET /b': { rate: 10, burst: 2 } } },
      },
    });
    local = await startLocalGateway({ config, model });
  });
  afterAll(() => local?.close());

  it('after draining, the bucket refills at `rate` tokens per second', async () => {
    const drained = await burst(8, () => request(local, 'GET', '/live/a'));
    expect(count(drained, 429)).toBeGreaterThanOrEqual(1);
    await sleep(1300);
    const again = await burst(5, () => request(local, 'GET', '/live/a'));
    expect(count(again, 200)).toBeGreaterThanOrEqual(4);
  });

  it('offered above the rate: accepted ≈ burst + rate × elapsed', async () => {
    const started = performance.now();
    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      const r = await request(local, 'GET', '/live/b');
      if (r.status === 200) accepted++;
      await sleep(40);
    }
    const elapsed = (performance.now() - started) / 1000;
    expect(accepted).toBeGreaterThanOrEqual(Math.floor(10 * elapsed * 0.5));
    expect(accepted).toBeLessThanOrEqual(2 + Math.ceil(10 * elapsed * 1.3) + 1);
    expect(accepted).toBeLessThan(30);
  });
});

describe('quota per key', () => {
  it('the quota key gets `limit` requests then 429 Limit Exceeded; other keys are unaffected', async () => {
    const quotaKey = 'blue-quota-key-9';
    const statuses: number[] = [];
    // The key's usage-plan bucket holds 4 tokens: the 4th request passes throttling and meets the quota.
    for (let i = 0; i < 3; i++) statuses.push((await request(gw, 'GET', '/blue/k1', { 'x-api-key': quotaKey })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const r = await request(gw, 'GET', '/blue/k1', { 'x-api-key': quotaKey });
    expect(r.status).toBe(429);
    expect(r.body).toBe('{"message":"Limit Exceeded"}');
    expect(r.headers['x-amzn-errortype']).toBe('LimitExceededException');
    expect((await request(gw, 'GET', '/green/k1', { 'x-api-key': 'green-key-1234' })).status).toBe(200);
  });

  it('Quota resets at the end of its calendar period (UTC)', () => {
    let now = Date.UTC(2026, 10, 21, 23, 59, 0);
    const quota = new Quota(2, 'DAY', () => now);
    expect([quota.consume(), quota.consume(), quota.consume()]).toEqual([true, true, false]);
    now = Date.UTC(2026, 10, 22, 0, 0, 1);
    expect(quota.consume()).toBe(true);
    expect(periodEnd(Date.UTC(2026, 10, 21, 12), 'WEEK')).toBe(Date.UTC(2026, 10, 23)); // Sat -> next Monday
    expect(periodEnd(Date.UTC(2026, 11, 31, 12), 'MONTH')).toBe(Date.UTC(2027, 0, 1));
  });
});

describe('TokenBucket and effectiveLimits', () => {
  it('starts full, refuses at zero, refills at rate and caps at burst', () => {
    const bucket = new TokenBucket({ rate: 2, burst: 3 }, 0);
    expect(bucket.available(0)).toBe(3);
    bucket.take();
    bucket.take();
    bucket.take();
    expect(bucket.available(0)).toBe(0);
    expect(bucket.available(500)).toBeCloseTo(1);
    expect(bucket.available(100_000)).toBe(3);
  });

  it('burst 0 never admits', () => {
    expect(new TokenBucket({ rate: 100, burst: 0 }, 0).available(10_000)).toBe(0);
  });

  it('effectiveLimits: method bucket = operationThrottle ?? stage; key bucket = plan op ?? plan, only with keys', () => {
    const stage = {
      throttle: { rate: 100, burst: 50 },
      operationThrottle: { 'GET /x': { rate: 10, burst: 5 } },
      usagePlan: { throttle: { rate: 80, burst: 40 }, operationThrottle: { 'GET /y': { rate: 3, burst: 1 } } },
    };
    expect(effectiveLimits(stage, { key: 'GET /x', apiKeyRequired: false })).toEqual({ rate: 10, burst: 5 });
    expect(effectiveLimits(stage, { key: 'GET /z', apiKeyRequired: false })).toEqual({ rate: 100, burst: 50 });
    expect(effectiveLimits(stage, { key: 'GET /z', apiKeyRequired: true })).toEqual({ rate: 80, burst: 40 });
    expect(effectiveLimits(stage, { key: 'GET /y', apiKeyRequired: true })).toEqual({ rate: 3, burst: 1 });
    // operationThrottle replaces (does not add to) the stage limit: a higher per-method limit wins over the stage's.
    expect(
      effectiveLimits({ throttle: { rate: 5, burst: 5 }, operationThrottle: { 'GET /x': { rate: 50, burst: 20 } } }, { key: 'GET /x', apiKeyRequired: false }),
    ).toEqual({ rate: 50, burst: 20 });
    expect(effectiveLimits({ operationThrottle: {} }, { key: 'GET /x', apiKeyRequired: true })).toBeUndefined();
  });
});
