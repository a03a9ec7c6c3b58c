import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { parseFaults } from '../../src/emulator/faults.ts';
import { FixedWindow, SlidingWindow } from '../../src/emulator/windows.ts';
import { bindingLimiter, effectiveLimits, limitersOf } from '../../src/gateway/limits.ts';
import { burst, count, inlineConfig, inlineModel, request, sleep } from './helpers.ts';

/** Window limiters (Kong's fixed windows, HAProxy-like sliding windows) in the local gateway. */

/** A monotonic time at which a window of `ms` starts (windows are aligned to the epoch, like Kong's). */
const edge = (ms: number, k = 10): number => k * ms - (performance.timeOrigin % ms);

describe('FixedWindow', () => {
  it('lets `limit` through per calendar window and starts over at the edge', () => {
    const w = new FixedWindow(3, 1000);
    const t0 = edge(1000);
    const admit = (t: number): boolean => (w.canTake(t) ? (w.take(t), true) : false);
    expect([admit(t0 + 1), admit(t0 + 2), admit(t0 + 3), admit(t0 + 999)]).toEqual([true, true, true, false]);
    // Across the edge a burst may pass twice the limit: the counting starts over.
    expect([admit(t0 + 1000), admit(t0 + 1001), admit(t0 + 1002), admit(t0 + 1003)]).toEqual([true, true, true, false]);
  });
});

describe('SlidingWindow', () => {
  it('lets at most `limit` through in any window; passed requests leave it one by one', () => {
    const w = new SlidingWindow(2, 1000);
    const admit = (t: number): boolean => (w.canTake(t) ? (w.take(t), true) : false);
    expect([admit(0), admit(400), admit(500), admit(999)]).toEqual([true, true, false, false]);
    expect([admit(1000), admit(1001)]).toEqual([true, false]);
    expect([admit(1400), admit(1401)]).toEqual([true, false]);
  });
});

describe('limiters per config scope', () => {
  const stage = {
    throttle: { limit: 10, window: '1s', kind: 'fixed' as const },
    operationThrottle: { 'GET /x': { rate: 5, burst: 2 } },
    usagePlan: { throttle: { limit: 4, window: '1s', kind: 'sliding' as const }, operationThrottle: {} },
  };

  it('a stage window is one counter for the stage, an operation override its own, a usage plan one per key', () => {
    expect(limitersOf(stage, { key: 'GET /a', apiKeyRequired: false })).toEqual([{ scope: 'stage', id: 'stage', limits: stage.throttle, perKey: false }]);
    expect(limitersOf(stage, { key: 'GET /b', apiKeyRequired: false })[0]!.id).toBe('stage');
    expect(limitersOf(stage, { key: 'GET /x', apiKeyRequired: false })).toEqual([
      { scope: 'operation', id: 'operation GET /x', limits: { rate: 5, burst: 2 }, perKey: false },
    ]);
    expect(limitersOf(stage, { key: 'GET /k', apiKeyRequired: true }).map((l) => l.id)).toEqual(['stage', 'usage plan']);
    // A token-bucket stage default stays per method (AWS).
    expect(limitersOf({ throttle: { rate: 5, burst: 5 }, operationThrottle: {} }, { key: 'GET /a', apiKeyRequired: false })[0]!.id).toBe('stage GET /a');
  });

  it('the binding limiter is the one that refuses a burst first; limits of different models do not combine', () => {
    expect(bindingLimiter(stage, { key: 'GET /k', apiKeyRequired: true })!.id).toBe('usage plan');
    expect(effectiveLimits(stage, { key: 'GET /k', apiKeyRequired: true })).toEqual(stage.usagePlan.throttle);
    expect(
      effectiveLimits(
        {
          throttle: { limit: 10, window: '1s', kind: 'fixed' },
          operationThrottle: {},
          usagePlan: { throttle: { limit: 4, window: '1s', kind: 'fixed' }, operationThrottle: {} },
        },
        { key: 'GET /k', apiKeyRequired: true },
      ),
    ).toEqual({
      limit: 4,
      window: '1s',
      kind: 'fixed',
    });
  });
});

const mock = (keyed: boolean) => ({
  ...(keyed ? { security: [{ api_key: [] }] } : {}),
  responses: { '200': { description: 'ok', content: { 'application/json': { example: { ok: true } } } } },
  'x-amazon-apigateway-integration': { type: 'mock' },
});
const model = inlineModel({
  paths: { '/a': { get: mock(false) }, '/b': { get: mock(false), post: mock(false) }, '/own': { get: mock(false) }, '/k': { get: mock(true) } },
  components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
});
const stages = {
  kong: {
    baseURL: 'http://127.0.0.1/kong',
    credentials: { apiKeys: { default: 'kong-key-1234' } },
    throttle: { limit: 6, window: '10s', kind: 'fixed' as const },
    operationThrottle: { 'GET /own': { limit: 3, window: '10s', kind: 'sliding' as const } },
  },
  haproxy: { baseURL: 'http://127.0.0.1/haproxy', throttle: { limit: 5, window: '1s', kind: 'sliding' as const } },
};

describe('window limiters over HTTP', () => {
  let gw: LocalGateway;
  beforeAll(async () => {
    gw = await startLocalGateway({ config: inlineConfig({ stages }), model });
  });
  afterAll(() => gw?.close());

  it('a stage window counts every operation of the stage together, with the AWS throttle answer beyond it', async () => {
    // Start well inside a 10 s window, so the bursts cannot straddle an edge.
    const toEdge = 10_000 - (Date.now() % 10_000);
    if (toEdge < 2000) await sleep(toEdge + 50);
    const first = await burst(4, () => request(gw, 'GET', '/kong/a'));
    const second = await burst(4, () => request(gw, 'POST', '/kong/b'));
    expect([count(first, 200), count(second, 200)]).toEqual([4, 2]);
    const r = await request(gw, 'GET', '/kong/b');
    expect(r.status).toBe(429);
    expect(r.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
  });

  it('an operation window replaces the stage window for its operation', async () => {
    const statuses = await burst(6, () => request(gw, 'GET', '/kong/own'));
    expect(count(statuses, 200)).toBe(3);
  });

  it('a sliding window lets the passed requests back in one window after they passed', async () => {
    const drained = await burst(8, () => request(gw, 'GET', '/haproxy/a'));
    expect(count(drained, 200)).toBe(5);
    expect((await request(gw, 'GET', '/haproxy/b')).status).toBe(429);
    await sleep(1100);
    const again = await burst(5, () => request(gw, 'GET', '/haproxy/b'));
    expect(count(again, 200)).toBe(5);
  });
});

describe('window faults', () => {
  it('parse: window-limit:<n> and throttle-skip:<METHOD> <path>', () => {
    expect(parseFaults(['window-limit:12', 'throttle-skip:post /b'])).toEqual([
      { name: 'window-limit', raw: 'window-limit:12', value: 12 },
      { name: 'throttle-skip', raw: 'throttle-skip:post /b', operation: 'POST /b' },
    ]);
    expect(() => parseFaults(['window-limit:1.5'])).toThrow(/window-limit:1.5/);
    expect(() => parseFaults(['throttle-skip:/b'])).toThrow(/throttle-skip:\/b/);
  });

  it('window-limit:<n> replaces every window limit; token buckets keep theirs', async () => {
    const gw = await startLocalGateway({ config: inlineConfig({ stages }), model, faults: ['window-limit:2'] });
    try {
      expect(count(await burst(6, () => request(gw, 'GET', '/haproxy/a')), 200)).toBe(2);
    } finally {
      await gw.close();
    }
  });

  it('throttle-skip leaves one operation out of every limiter, the others stay counted', async () => {
    const gw = await startLocalGateway({ config: inlineConfig({ stages }), model, faults: ['throttle-skip:POST /b'] });
    try {
      expect(count(await burst(12, () => request(gw, 'POST', '/haproxy/b')), 200)).toBe(12);
      expect(count(await burst(8, () => request(gw, 'GET', '/haproxy/b')), 200)).toBe(5);
      await expect(startLocalGateway({ config: inlineConfig({ stages }), model, faults: ['throttle-skip:GET /nope'] })).rejects.toMatchObject({
        code: 'USAGE',
      });
    } finally {
      await gw.close();
    }
  });

  it('a limit fault that would change nothing on the config is a usage error naming the model it needs', async () => {
    const buckets = {
      ...stages,
      haproxy: { ...stages.haproxy, throttle: { rate: 5, burst: 5 } },
      kong: { ...stages.kong, throttle: { rate: 5, burst: 5 }, operationThrottle: {} },
    };
    await expect(startLocalGateway({ config: inlineConfig({ stages: buckets }), model, faults: ['window-limit:2'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/^fault "window-limit:2" would change nothing: no stage of .* declares a window limit/),
    });
    await expect(startLocalGateway({ config: inlineConfig({ stages }), model, faults: ['burst:3'] })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/^fault "burst:3" would change nothing: no stage of .* declares a token bucket/),
    });
  });
});
