import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseCatalog } from '../../src/emulator/catalog.ts';
import { closeServer } from '../../src/emulator/echo-backend.ts';
import type { GatewayModel } from '../../src/openapi/model.ts';

/**
 * A backend gateproof did not write, for gateways gateproof did not write: a plain node:http app on loopback.
 * It answers the route its gateway names in a request header (the operation key) with the operation's
 * documented success, and tells what it received in debug headers that a gate's `oracle` config can read:
 *   x-upstream          its identity (one backend per stage)
 *   x-upstream-method   the method it received
 *   x-upstream-path     the path it received (as sent)
 *   x-upstream-query    the query string it received (as sent, without `?`)
 * Like most app servers it announces itself (Server, X-Powered-By): the gateway in front should strip those.
 * It does not speak gateproof's echo protocol.
 */
export const UPSTREAM_HEADERS = { identity: 'x-upstream', method: 'x-upstream-method', path: 'x-upstream-path', query: 'x-upstream-query' } as const;
const UPSTREAM_SERVER = 'orders-app/2.4.1';
const UPSTREAM_POWERED_BY = 'Express';

export interface UpstreamBackend {
  identity: string;
  port: number;
  close(): Promise<void>;
}

export interface UpstreamOptions {
  identity: string;
  model: GatewayModel;
  /** Header the gateway names the matched operation in. */
  routeHeader: string;
  seed: number;
}

export async function startUpstream(options: UpstreamOptions): Promise<UpstreamBackend> {
  const catalog = new ResponseCatalog(options.seed, options.model.specVersion);
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => answer(options, catalog, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { identity: options.identity, port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

function answer(options: UpstreamOptions, catalog: ResponseCatalog, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const route = req.headers[options.routeHeader];
  const op = options.model.operations.find((o) => o.key === route);
  const canned = op ? catalog.successOf(op) : { status: 200, contentType: 'application/json', body: Buffer.from('{"app":"fallback"}') };
  const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const headers: Record<string, string | number> = {
    Server: UPSTREAM_SERVER,
    'X-Powered-By': UPSTREAM_POWERED_BY,
    [UPSTREAM_HEADERS.identity]: options.identity,
    [UPSTREAM_HEADERS.method]: req.method ?? 'GET',
    [UPSTREAM_HEADERS.path]: path,
    [UPSTREAM_HEADERS.query]: query,
    'Content-Length': canned.body.length,
  };
  if (canned.contentType) headers['Content-Type'] = canned.contentType;
  res.writeHead(canned.status, headers);
  res.end(req.method === 'HEAD' ? undefined : canned.body);
}
