import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../src/http/client.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';

describe('latency proxy (used by the stability runs)', () => {
  const server = createServer((req, res) => res.end(`hello ${req.url}`));
  let proxy: LatencyProxy;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proxy = await startLatencyProxy({ host: '127.0.0.1', port: (server.address() as { port: number }).port }, 20, 30);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('forwards requests intact and adds latency in both directions', async () => {
    const direct = await send({ method: 'GET', origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, path: '/x?y=1' });
    const proxied = await send({ method: 'GET', origin: `http://127.0.0.1:${proxy.port}`, path: '/x?y=1' });
    expect(proxied.body).toBe('hello /x?y=1');
    expect(proxied.body).toBe(direct.body);
    // At least one delayed chunk each way (request, response) of >= 20 ms.
    expect(proxied.durationMs).toBeGreaterThanOrEqual(38);
  });
});
