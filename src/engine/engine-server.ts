import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redact } from '../secrets/redact.ts';
import { ENGINE_ENV, ENGINE_TOKEN_HEADER, type EnginePath, type EngineRequest, type EngineResponse } from './engine-protocol.ts';
import type { GateSession } from './session.ts';

export interface RunningEngine {
  url: string;
  token: string;
  /** The variables a Playwright run needs to reach this engine. */
  env: Record<string, string>;
  close(): Promise<void>;
}

type Handlers = { [P in EnginePath]: (body: EngineRequest<P>) => Promise<EngineResponse<P>> };

/** Serves a GateSession to the run's Playwright workers on 127.0.0.1 (random port, per-run token). */
export async function startEngine(session: GateSession): Promise<RunningEngine> {
  const token = randomBytes(24).toString('hex');
  const handlers: Handlers = {
    '/check': (b) => session.result(b.id),
    '/send': (b) => session.send(b.stage, b.request),
    '/call': (b) => session.call(b.stage, b.operation, b.options),
    '/ping': async () => ({ ok: true }),
  };
  const server = createServer((req, res) => void serve(req, res, token, handlers));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    env: { [ENGINE_ENV.url]: url, [ENGINE_ENV.token]: token },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, token: string, handlers: Handlers): Promise<void> {
  const reply = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  const given = Buffer.from(String(req.headers[ENGINE_TOKEN_HEADER] ?? ''));
  if (given.length !== token.length || !timingSafeEqual(given, Buffer.from(token))) return reply(403, { error: 'bad engine token' });
  const path = req.url ?? '';
  if (req.method !== 'POST' || !Object.hasOwn(handlers, path)) return reply(404, { error: `no such engine call: ${req.method} ${req.url}` });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The body comes from this run's own workers (the token proves it), written by engineClient's typed post.
    const handler = handlers[path as EnginePath] as (body: unknown) => Promise<unknown>;
    reply(200, await handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
  } catch (e) {
    reply(500, { error: redact((e as Error).message ?? String(e)) });
  }
}
