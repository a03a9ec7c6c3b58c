import { afterEach, describe, expect, it } from 'vitest';
import { compileSchema } from '../../src/emulator/validate.ts';
import { parseFaults, startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { GateproofError } from '../../src/domain/errors.ts';
import { burst, count, echoOf, exampleGateway, loadExample, mintToken, request, sleep, unsignedToken, validClaims, type Example } from './helpers.ts';

/** Each fault changes exactly the behaviour it names (and a neighbouring behaviour stays intact). */

let gw: (LocalGateway & Example) | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const start = async (...faults: string[]): Promise<LocalGateway & Example> => (gw = await exampleGateway(faults));
const devKey = (g: Example): string => g.config.stages.dev!.credentials.apiKeys.default!;
const devSecret = (g: Example): string => g.config.stages.dev!.credentials.jwt!.secret!;
const ORDER = '/dev/orders/6b0c3f0e-64a4-4c55-9d0b-1f1c2a7e3b11';
const now = (): number => Math.floor(Date.now() / 1000);

describe('fault parsing', () => {
  it('parses every documented fault', () => {
    const faults = parseFaults([
      'auth-bypass:GET /pets/{petId}',
      'key-any-stage',
      'jwt-no-exp',
      'jwt-no-aud',
      'jwt-alg-none',
      'no-throttle',
      'burst:5',
      'rate:2.5',
      'quota-off',
      'route-swap:GET /pets=GET /pets/{petId}',
      'open-unknown',
      'stage-swap:dev=prod',
      'latency:100',
      'leak-headers',
      'status-drift:get /pets',
      'cors-any',
    ]);
    expect(faults.map((f) => f.name)).toEqual([
      'auth-bypass',
      'key-any-stage',
      'jwt-no-exp',
      'jwt-no-aud',
      'jwt-alg-none',
      'no-throttle',
      'burst',
      'rate',
      'quota-off',
      'route-swap',
      'open-unknown',
      'stage-swap',
      'latency',
      'leak-headers',
      'status-drift',
      'cors-any',
    ]);
    expect(faults[6]).toMatchObject({ value: 5 });
    expect(faults[7]).toMatchObject({ value: 2.5 });
    expect(faults[9]).toMatchObject({ a: 'GET /pets', b: 'GET /pets/{petId}' });
    expect(faults[14]).toMatchObject({ operation: 'GET /pets' });
  });

  it.each([
    'bogus',
    'burst:x',
    'burst:1.5',
    'rate:-1',
    'latency:',
    'auth-bypass:/pets',
    'auth-bypass',
    'route-swap:GET /a',
    'stage-swap:dev',
    'no-throttle:1',
    'leak-headers:yes',
  ])('%s is a usage error naming it and listing the valid faults', (raw) => {
    let error: unknown;
    try {
      parseFaults([raw]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GateproofError);
    expect((error as GateproofError).code).toBe('USAGE');
    expect((error as GateproofError).exitCode).toBe(2);
    expect((error as GateproofError).message).toContain(raw);
    expect((error as GateproofError).hint).toContain('stage-swap:<a>=<b>');
  });

  it('faults naming an unknown operation or stage are usage errors', async () => {
    const ex = await loadExample();
    await expect(startLocalGateway({ ...ex, faults: ['auth-bypass:GET /nope'] })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(startLocalGateway({ ...ex, faults: ['stage-swap:dev=qa'] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('faults over HTTP', () => {
  it('auth-bypass:<op> serves that route without credentials, only that route', async () => {
    const g = await start('auth-bypass:GET /pets/{petId}');
    const r = await request(g, 'GET', '/dev/pets/abc123');
    expect(r.status).toBe(200);
    expect(echoOf(r)!.path).toBe('/pets/abc123');
    expect((await request(g, 'GET', '/dev/pets')).status).toBe(403);
  });

  it("key-any-stage accepts another stage's key; unknown keys stay rejected", async () => {
    const g = await start('key-any-stage');
    const prodKey = g.config.stages.prod!.credentials.apiKeys.default!;
    expect((await request(g, 'GET', '/dev/pets', { 'x-api-key': prodKey })).status).toBe(200);
    expect((await request(g, 'GET', '/dev/pets', { 'x-api-key': 'unknown-key-000' })).status).toBe(403);
  });

  it('jwt-no-exp accepts expired tokens; audience still checked', async () => {
    const g = await start('jwt-no-exp');
    const auth = async (o: Parameters<typeof mintToken>[1]) => ({ authorization: `Bearer ${await mintToken(devSecret(g), o)}` });
    expect((await request(g, 'GET', ORDER, await auth({ exp: now() - 3600 }))).status).toBe(200);
    expect((await request(g, 'GET', ORDER, await auth({ aud: 'other' }))).status).toBe(401);
  });

  it('jwt-no-aud ignores the audience; expiry still checked', async () => {
    const g = await start('jwt-no-aud');
    const auth = async (o: Parameters<typeof mintToken>[1]) => ({ authorization: `Bearer ${await mintToken(devSecret(g), o)}` });
    expect((await request(g, 'GET', ORDER, await auth({ aud: 'other' }))).status).toBe(200);
    expect((await request(g, 'GET', ORDER, await auth({ exp: now() - 60 }))).status).toBe(401);
  });

  it('jwt-alg-none accepts unsigned tokens; bad signatures and claims still fail', async () => {
    const g = await start('jwt-alg-none');
    expect((await request(g, 'GET', ORDER, { authorization: `Bearer ${unsignedToken(validClaims())}` })).status).toBe(200);
    expect((await request(g, 'GET', ORDER, { authorization: `Bearer ${unsignedToken({ ...validClaims(), exp: now() - 10 })}` })).status).toBe(401);
    const forged = await mintToken('wrong-secret-entirely');
    expect((await request(g, 'GET', ORDER, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('no-throttle never throttles; quotas still apply', async () => {
    const g = await start('no-throttle');
    const statuses = await burst(80, () => request(g, 'GET', '/dev/health'));
    expect(count(statuses, 200)).toBe(80);
    const quotaKey = g.config.stages.dev!.credentials.apiKeys.quota!;
    const q: number[] = [];
    for (let i = 0; i < 6; i++) q.push((await request(g, 'GET', '/dev/pets', { 'x-api-key': quotaKey })).status);
    expect(q.at(-1)).toBe(429);
  });

  it('without faults the same burst is throttled (control for no-throttle)', async () => {
    const g = await start();
    const statuses = await burst(80, () => request(g, 'GET', '/dev/health'));
    expect(count(statuses, 429)).toBeGreaterThan(0);
  });

  it('burst:<n> replaces the bucket size', async () => {
    const g = await start('burst:3');
    const started = performance.now();
    const statuses = await burst(30, () => request(g, 'GET', '/dev/health'));
    const elapsed = (performance.now() - started) / 1000;
    // The configured burst (20) would admit at least 20; refill at the configured 50/s adds a few meanwhile.
    expect(count(statuses, 200)).toBeGreaterThanOrEqual(3);
    expect(count(statuses, 200)).toBeLessThanOrEqual(4 + Math.ceil(50 * elapsed));
    expect(count(statuses, 200)).toBeLessThan(20);
  });

  it('rate:<r> replaces the refill rate (burst stays the configured 20)', async () => {
    const g = await start('rate:1');
    const first = await burst(24, () => request(g, 'GET', '/dev/health'));
    expect(count(first, 200)).toBeGreaterThanOrEqual(20);
    expect(count(first, 200)).toBeLessThanOrEqual(22);
    await sleep(1000);
    const later = await burst(8, () => request(g, 'GET', '/dev/health'));
    // The configured rate (50/s) would have refilled all 8; at 1/s only a token or two came back.
    expect(count(later, 200)).toBeGreaterThanOrEqual(1);
    expect(count(later, 200)).toBeLessThanOrEqual(4);
  });

  it('quota-off never enforces quotas', async () => {
    const g = await start('quota-off');
    const quotaKey = g.config.stages.dev!.credentials.apiKeys.quota!;
    const q: number[] = [];
    for (let i = 0; i < 8; i++) q.push((await request(g, 'GET', '/dev/pets/abc123', { 'x-api-key': quotaKey })).status);
    expect(q.every((s) => s === 200)).toBe(true);
  });

  it("route-swap swaps the two integrations; auth stays the route's own", async () => {
    const g = await start('route-swap:GET /pets=GET /pets/{petId}');
    const list = await request(g, 'GET', '/dev/pets?limit=2', { 'x-api-key': devKey(g) });
    expect(list.status).toBe(200);
    expect(echoOf(list)!.path).not.toBe('/pets');
    expect(echoOf(list)!.path).toBe('/pets/{petId}');
    expect(Array.isArray(JSON.parse(list.body))).toBe(false);
    const one = await request(g, 'GET', '/dev/pets/abc123', { 'x-api-key': devKey(g) });
    expect(echoOf(one)!.path).toBe('/pets');
    expect((await request(g, 'GET', '/dev/pets')).status).toBe(403);
  });

  it('open-unknown forwards undeclared routes to the backend; declared routes keep their auth', async () => {
    const g = await start('open-unknown');
    const r = await request(g, 'GET', '/dev/internal/debug?x=1');
    expect(r.status).toBe(200);
    expect(echoOf(r)).toEqual({ backend: 'dev', method: 'GET', path: '/internal/debug', query: { x: '1' } });
    expect((await request(g, 'DELETE', '/dev/health')).status).toBe(200);
    expect((await request(g, 'GET', '/prod/admin/stats')).status).toBe(200);
    expect((await request(g, 'GET', '/dev/pets')).status).toBe(403);
    expect((await request(g, 'GET', '/qa/pets')).status).toBe(403);
  });

  it("stage-swap:a=b routes a's traffic to b's backend; a's keys still apply", async () => {
    const g = await start('stage-swap:dev=prod');
    const r = await request(g, 'GET', '/dev/pets', { 'x-api-key': devKey(g) });
    expect(echoOf(r)!.backend).toBe('prod');
    expect(echoOf(await request(g, 'GET', '/prod/pets/abc123/photos'))!.backend).toBe('prod');
    expect((await request(g, 'GET', '/dev/pets', { 'x-api-key': g.config.stages.prod!.credentials.apiKeys.default! })).status).toBe(403);
  });

  it('latency:<ms> delays every response, errors included', async () => {
    const g = await start('latency:250');
    const ok = await request(g, 'GET', '/dev/health');
    const err = await request(g, 'GET', '/dev/nowhere');
    expect(ok.status).toBe(200);
    expect(err.status).toBe(403);
    expect(ok.durationMs).toBeGreaterThanOrEqual(240);
    expect(err.durationMs).toBeGreaterThanOrEqual(240);
  });

  it('leak-headers passes Server / X-Powered-By through; gateway errors unchanged', async () => {
    const g = await start('leak-headers');
    const r = await request(g, 'GET', '/dev/catalog');
    expect(r.headers.server).toBe('gateproof-echo');
    expect(r.headers['x-powered-by']).toBe('gateproof-echo');
    expect(r.headers['x-amzn-remapped-server']).toBeUndefined();
    expect((await request(g, 'GET', '/dev/nowhere')).headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('status-drift:<op> answers an undocumented status with a body off its schema; other routes unchanged', async () => {
    const g = await start('status-drift:GET /pets/{petId}');
    const op = g.model.operations.find((o) => o.key === 'GET /pets/{petId}')!;
    const r = await request(g, 'GET', '/dev/pets/abc123', { 'x-api-key': devKey(g) });
    expect(op.responses.map((x) => x.status)).not.toContain(String(r.status));
    expect(r.status).toBeGreaterThanOrEqual(200);
    const validate = compileSchema(op.responses.find((x) => x.status === '200')!.content[0]!.schema!)!;
    expect(validate(JSON.parse(r.body))).toBe(false);
    expect(echoOf(r)!.path).toBe('/pets/abc123');
    expect((await request(g, 'GET', '/dev/health')).status).toBe(200);
  });

  it('cors-any answers preflights for any origin with credentials; without it no CORS headers', async () => {
    const preflight = { origin: 'https://evil.example', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' };
    const clean = await start();
    const before = await request(clean, 'OPTIONS', '/dev/pets', preflight);
    expect(before.headers['access-control-allow-origin']).toBeUndefined();
    expect(before.status).toBe(403);
    await clean.close();
    const g = await start('cors-any');
    const r = await request(g, 'OPTIONS', '/dev/pets', preflight);
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('https://evil.example');
    expect(r.headers['access-control-allow-credentials']).toBe('true');
    expect(r.headers['access-control-allow-methods']).toContain('DELETE');
    // Ordinary requests are unchanged.
    expect((await request(g, 'GET', '/dev/pets', { origin: 'https://evil.example' })).headers['access-control-allow-origin']).toBeUndefined();
  });
});
