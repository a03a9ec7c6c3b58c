import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redact } from '../secrets/redact.ts';
import type { StageRequest } from '../http/exchange.ts';
import type { CallOptions } from '../request/call.ts';
import { ENGINE_ENV, ENGINE_PATHS, ENGINE_TOKEN_HEADER, type EnginePath } from './engine-protocol.ts';
import type { GateSession } from './session.ts';

export interface RunningEngine {
  url: string;
  token: string;
  /** The variables a Playwright run needs to reach this engine. */
  env: Record<string, string>;
  close(): Promise<void>;
}

type Handler = (body: Record<string, unknown>) => Promise<unknown>;

/** Serves a GateSession to the run's Playwright workers on 127.0.0.1 (random port, per-run token). */
export async function startEngine(session: GateSession): Promise<RunningEngine> {
  const token = randomBytes(24).toString('hex');
  const handlers: Record<EnginePath, Handler> = {
    '/check': (b) => session.result(String(b.id)),
    '/send': (b) => session.send(String(b.stage), b.request as StageRequest),
    '/call': (b) => session.call(String(b.stage), String(b.operation), (b.options ?? {}) as CallOptions),
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

async function serve(req: IncomingMessage, res: ServerResponse, token: string, handlers: Record<EnginePath, Handler>): Promise<void> {
  const reply = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  const given = Buffer.from(String(req.headers[ENGINE_TOKEN_HEADER] ?? ''));
  if (given.length !== token.length || !timingSafeEqual(given, Buffer.from(token))) return reply(403, { error: 'bad engine token' });
  const path = (req.url ?? '') as EnginePath;
  if (req.method !== 'POST' || !ENGINE_PATHS.includes(path)) return reply(404, { error: `no such engine call: ${req.method} ${req.url}` });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    reply(200, await handlers[path](body));
  } catch (e) {
    reply(500, { error: redact((e as Error).message ?? String(e)) });
  }
}
