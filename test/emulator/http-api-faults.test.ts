import { afterEach, describe, expect, it } from 'vitest';
import { GateproofError } from '../../src/domain/errors.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { burst, count, echoOf, request, unsignedToken, type Example } from './helpers.ts';
import { devKey, httpExampleGateway, loadHttpExample, mintRs256 } from './http-api-helpers.ts';

/** Each fault of the local gateway that means something for an HTTP API, in HTTP-API mode (examples/http-api). */

let gw: (LocalGateway & Example) | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const start = async (...faults: string[]): Promise<LocalGateway & Example> => (gw = await httpExampleGateway(faults));
const now = (): number => Math.floor(Date.now() / 1000);
const PET = '/dev/pets/whisk-0042';

describe('faults that do not apply to HTTP APIs', () => {
  it.each(['key-any-stage', 'quota-off'])('%s is a usage error (exit 2) saying why, not a silent no-op', async (fault) => {
    const ex = await loadHttpExample();
    const error = await startLocalGateway({ ...ex, faults: [fault] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GateproofError);
    expect((error as GateproofError).exitCode).toBe(2);
    expect((error as GateproofError).message).toMatch(new RegExp(`^fault "${fault}" does not apply to an HTTP API: HTTP APIs have no (API keys|usage plans)`));
    expect((error as GateproofError).hint).toContain('jwt-no-exp');
    expect((error as GateproofError).hint).not.toContain(fault);
  });
});

describe('auth faults', () => {
  it('auth-bypass:<route> serves that route without its authorizer; the others keep theirs', async () => {
    const g = await start('auth-bypass:GET /shelters/{shelterId}');
    expect((await request(g, 'GET', '/dev/shelters/7')).status).toBe(200);
    expect((await request(g, 'GET', PET)).status).toBe(401);
  });

  it('jwt-no-exp accepts expired tokens', async () => {
    const expired = await mintRs256(devKey(await loadHttpExample()), { exp: now() - 3600 });
    expect((await request(await start(), 'GET', PET, { authorization: `Bearer ${expired}` })).status).toBe(401);
    await gw!.close();
    expect((await request(await start('jwt-no-exp'), 'GET', PET, { authorization: `Bearer ${expired}` })).status).toBe(200);
  });

  it('jwt-no-aud ignores the audience (the issuer still counts)', async () => {
    const ex = await loadHttpExample();
    const g = await start('jwt-no-aud');
    expect((await request(g, 'GET', PET, { authorization: `Bearer ${await mintRs256(devKey(ex), { aud: 'another-api' })}` })).status).toBe(200);
    expect((await request(g, 'GET', PET, { authorization: `Bearer ${await mintRs256(devKey(ex), { iss: 'https://evil.example/' })}` })).status).toBe(401);
  });

  it('jwt-alg-none accepts unsigned tokens (scopes still checked)', async () => {
    const g = await start('jwt-alg-none');
    const claims = { iss: 'https://auth.petstore.example/', aud: 'adoption-api', exp: now() + 300 };
    expect((await request(g, 'GET', PET, { authorization: `Bearer ${unsignedToken({ ...claims, scope: 'pets/read' })}` })).status).toBe(200);
    expect((await request(g, 'GET', PET, { authorization: `Bearer ${unsignedToken({ ...claims, scope: 'files/read' })}` })).status).toBe(403);
  });
});

describe('throttle faults', () => {
  const adopt = (g: LocalGateway, token: string) => () =>
    request(g, 'POST', '/dev/adoptions', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, '{"petId":"whisk-0042","applicant":"Ada"}');

  it('no-throttle never throttles a route', async () => {
    const g = await start('no-throttle');
    expect(await burst(14, adopt(g, await mintRs256(devKey(g))))).toEqual(Array(14).fill(201));
  });

  it("burst:<n> replaces every route's bucket size (with rate:1, so that hardly a token comes back meanwhile)", async () => {
    const g = await start('burst:2', 'rate:1');
    for (const path of ['/dev/health', '/prod/pets']) {
      const statuses = await burst(8, () => request(g, 'GET', path));
      expect(count(statuses, 200)).toBeGreaterThanOrEqual(2);
      expect(count(statuses, 200)).toBeLessThanOrEqual(3);
    }
  });

  it("rate:<r> replaces every route's refill rate", async () => {
    const g = await start('rate:0.5');
    const token = await mintRs256(devKey(g));
    expect(count(await burst(5, adopt(g, token)), 201)).toBe(5);
    await new Promise((r) => setTimeout(r, 1000));
    // RouteSettings refill 10/s: ten tokens back in a second; at 0.5/s: none.
    expect(count(await burst(3, adopt(g, token)), 201)).toBeLessThanOrEqual(1);
  });
});

describe('routing faults', () => {
  it("route-swap:<a>=<b> answers each route with the other's integration", async () => {
    const g = await start('route-swap:GET /pets=GET /health');
    expect(echoOf(await request(g, 'GET', '/dev/pets'))).toMatchObject({ path: '/health' });
    expect(echoOf(await request(g, 'GET', '/dev/health'))).toMatchObject({ path: '/pets' });
  });

  it('open-unknown forwards undeclared routes to a backend instead of 404', async () => {
    const g = await start('open-unknown');
    const r = await request(g, 'GET', '/dev/internal/debug?x=1');
    expect(r.status).toBe(200);
    expect(echoOf(r)).toMatchObject({ backend: 'dev', path: '/internal/debug', query: { x: '1' } });
  });

  it("stage-swap:dev=prod sends dev's traffic to prod's backend", async () => {
    const g = await start('stage-swap:dev=prod');
    expect(echoOf(await request(g, 'GET', '/dev/health'))).toMatchObject({ backend: 'prod' });
    expect(echoOf(await request(g, 'GET', '/prod/health'))).toMatchObject({ backend: 'prod' });
  });

  it('status-drift:<route> answers off the documented statuses and schema', async () => {
    const g = await start('status-drift:GET /pets');
    const r = await request(g, 'GET', '/dev/pets');
    expect([200, 201, 204]).not.toContain(r.status);
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect((await request(g, 'GET', '/dev/health')).status).toBe(200);
  });
});

describe('answer faults', () => {
  it("leak-headers passes the backend's Server / X-Powered-By through; without it they are remapped", async () => {
    expect((await request(await start(), 'GET', '/dev/health')).headers).toMatchObject({ 'x-amzn-remapped-server': 'gateproof-echo' });
    expect((await request(gw!, 'GET', '/dev/health')).headers.server).toBeUndefined();
    await gw!.close();
    expect((await request(await start('leak-headers'), 'GET', '/dev/health')).headers).toMatchObject({
      server: 'gateproof-echo',
      'x-powered-by': 'gateproof-echo',
    });
  });

  it("latency:<ms> delays every answer, the gateway's own included", async () => {
    const g = await start('latency:300');
    for (const path of ['/dev/health', '/dev/nowhere']) {
      const started = performance.now();
      await request(g, 'GET', path);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    }
  });

  it('cors-any grants preflights from any origin, with credentials', async () => {
    const g = await start('cors-any');
    const r = await request(g, 'OPTIONS', PET, { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' });
    expect(r.status).toBe(204);
    expect(r.headers).toMatchObject({ 'access-control-allow-origin': 'https://evil.example', 'access-control-allow-credentials': 'true' });
  });
});
