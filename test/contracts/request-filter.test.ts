import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialFilter, type CredentialPlan, type RecordedExchange } from '../../src/contracts/request-filter.ts';

const plan: CredentialPlan = {
  operations: [
    { key: 'GET /pets', method: 'GET', path: '/pets' },
    { key: 'POST /orders', method: 'POST', path: '/orders' },
    { key: 'GET /files/{proxy+}', method: 'GET', path: '/files/{proxy+}' },
  ],
  basePath: '',
  slots: {
    'GET /pets': [{ kind: 'apiKey', in: 'header', name: 'x-api-key' }],
    'POST /orders': [
      { kind: 'apiKey', in: 'header', name: 'x-api-key' },
      { kind: 'jwt', in: 'header', name: 'authorization' },
    ],
    'GET /files/{proxy+}': [{ kind: 'apiKey', in: 'query', name: 'api_key' }],
  },
  values: { apiKey: 'real-key-PLANTED', jwt: 'Bearer real.jwt.PLANTED' },
};

let server: Server;
let url: string;
const exchanges: RecordedExchange[] = [];
const states: string[] = [];

/** What reached the "gateway" behind the filter. */
const seen: { url?: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  const filter = credentialFilter(plan, exchanges, (state, action) => states.push(`${action}:${state}`));
  server = createServer((req, res) => {
    if (req.url === '/_pactSetup') (req as unknown as { body: unknown }).body = { state: 'a pet exists', action: 'setup' };
    res.setHeader('x-powered-by', 'Express');
    filter(req, res, () => {
      seen.push({ url: req.url, headers: { ...req.headers } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const call = (method: string, path: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

describe('the verifier request filter', () => {
  it('puts the stage credential into each slot the pact filled, and only there', async () => {
    await call('POST', '/orders', { 'x-api-key': 'gateproof-placeholder', authorization: 'Bearer gateproof-placeholder' });
    expect(seen.at(-1)!.headers).toMatchObject({ 'x-api-key': 'real-key-PLANTED', authorization: 'Bearer real.jwt.PLANTED' });
    await call('POST', '/orders', { 'x-api-key': 'gateproof-placeholder' });
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    await call('GET', '/pets');
    expect(seen.at(-1)!.headers['x-api-key']).toBeUndefined();
  });

  it('handles query slots and leaves undeclared routes alone', async () => {
    await call('GET', '/files/a/b.txt?api_key=gateproof-placeholder&x=1');
    expect(seen.at(-1)!.url).toBe('/files/a/b.txt?api_key=real-key-PLANTED&x=1');
    await call('GET', '/nowhere', { 'x-api-key': 'gateproof-placeholder' });
    expect(seen.at(-1)!.headers['x-api-key']).toBe('gateproof-placeholder');
  });

  it("records exchanges as the pact sent them (never the injected secret) and the gateway's answer", () => {
    const first = exchanges[0]!;
    expect(first).toMatchObject({ method: 'POST', target: '/orders', status: 200, bodyExcerpt: '{"ok":true}' });
    expect(first.requestHeaders['x-api-key']).toBe('gateproof-placeholder');
    expect(first.responseHeaders?.['x-powered-by']).toBeUndefined();
    expect(JSON.stringify(exchanges)).not.toContain('PLANTED');
  });

  it('reports provider-state setup calls', async () => {
    await call('POST', '/_pactSetup');
    expect(states).toEqual(['setup:a pet exists']);
  });
});
