import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/http/pacer.ts';
import { createStageHttp } from '../../src/http/stage-http.ts';

/**
 * The paced client against a real loopback server that throttles the first `throttleNext` requests (429 with
 * Retry-After: 0): a paced 429 is the pace's problem and is sent again, a 429 that is the finding is not.
 * The clock is simulated (sleeps are instant) so the back-offs cost no wall time.
 */
let server: Server;
let baseURL: string;
let throttleNext = 0;
let received = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    received += 1;
    if (throttleNext > 0) {
      throttleNext -= 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"message":"Too Many Requests"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  throttleNext = 0;
  received = 0;
});

function simulatedClock(): Clock {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

const declared = { stage: { rate: 1000, burst: 100 }, operations: {} };

describe('paced requests answered 429', () => {
  it('are sent again after a back-off: the check sees the answer that followed, the stats count the 429s', async () => {
    const http = createStageHttp({ stage: 'dev', baseURL, pacing: declared, clock: simulatedClock() });
    throttleNext = 2;
    const exchange = await http.send({ method: 'GET', path: '/pets' });
    expect(exchange.response.status).toBe(200);
    expect(received).toBe(3);
    expect(http.stats()).toMatchObject({ requests: 3, throttled: 2, retried: 2 });
  });

  it('reach the check after the last retry: a gateway that keeps throttling a backed-off gate is a finding', async () => {
    const http = createStageHttp({ stage: 'dev', baseURL, pacing: declared, clock: simulatedClock() });
    throttleNext = 100;
    const exchange = await http.send({ method: 'GET', path: '/pets' });
    expect(exchange.response.status).toBe(429);
    expect(received).toBe(5);
    expect(http.stats()).toMatchObject({ throttled: 5, retried: 4 });
  });

  it('are returned as answered when the 429 is the finding (throttleMatters) or the request is an unpaced probe', async () => {
    const http = createStageHttp({ stage: 'dev', baseURL, pacing: declared, clock: simulatedClock() });
    throttleNext = 2;
    expect((await http.send({ method: 'GET', path: '/pets', throttleMatters: true })).response.status).toBe(429);
    expect((await http.send({ method: 'GET', path: '/pets', unpaced: true })).response.status).toBe(429);
    expect(received).toBe(2);
    // The unpaced probe's 429 is not the pace's: only the paced one counts.
    expect(http.stats()).toMatchObject({ requests: 2, throttled: 1, retried: 0 });
  });
});

describe('the adaptive pace of a stage that declares no limit', () => {
  const undeclared = { stage: { rate: 20, burst: 5 }, operations: {} };

  it('backs the stage pacer off at a paced 429 and reports where it settled', async () => {
    const http = createStageHttp({ stage: 'dev', baseURL, pacing: undeclared, ramp: { startRate: 20, share: 0.5 }, clock: simulatedClock() });
    throttleNext = 1;
    expect((await http.send({ method: 'GET', path: '/pets' })).response.status).toBe(200);
    const stats = http.stats();
    expect(stats.ramp).toMatchObject({ state: 'settled', settings: { startRate: 20, share: 0.5 } });
    expect(stats.stagePacer.limits.rate).toBe(10);
    expect(stats.ramp!.steps.map((s) => s.rate)).toEqual([20, 10]);
  });

  it('is not steered by a 429 that is the finding', async () => {
    const http = createStageHttp({ stage: 'dev', baseURL, pacing: undeclared, ramp: { startRate: 20, share: 0.5 }, clock: simulatedClock() });
    throttleNext = 1;
    await http.send({ method: 'GET', path: '/pets', throttleMatters: true });
    expect(http.stats().ramp).toMatchObject({ state: 'ramping' });
    expect(http.stats().stagePacer.limits.rate).toBe(20);
  });
});
