import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ECHO_HEADER, ECHO_IDENTITY, encodeEchoRecord, OP_HEADER, type EchoRecord } from '../gateway/echo-protocol.ts';
import type { Canned } from './catalog.ts';

/**
 * The built-in backend of one stage: a real node:http server on loopback that answers every integration
 * request with the operation's documented success and the echo protocol's oracle header (see
 * gateway/echo-protocol.ts). It also sends the identity headers a real backend leaks (Server / X-Powered-By)
 * so the gateway's header hygiene can be checked.
 */

export interface EchoBackend {
  stage: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export type CannedLookup = (operationKey: string | undefined) => Canned | undefined;

const FALLBACK: Canned = { status: 200, contentType: 'application/json', body: Buffer.from('{}') };

/** `stage` is the identity the echo reports as `backend` (the stage's oracle.expect, else its name). */
export async function startEchoBackend(stage: string, lookup: CannedLookup, host = '127.0.0.1'): Promise<EchoBackend> {
  const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => answer(stage, lookup, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return { stage, host, port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

function answer(stage: string, lookup: CannedLookup, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const opHeader = req.headers[OP_HEADER];
  const canned = lookup(typeof opHeader === 'string' ? opHeader : undefined) ?? FALLBACK;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const record: EchoRecord = {
    backend: stage,
    method: req.method ?? 'GET',
    path: safeDecode(rawPath),
    query: q < 0 ? {} : Object.fromEntries(new URLSearchParams(url.slice(q + 1))),
  };
  const headers: Record<string, string | number> = {
    Server: ECHO_IDENTITY,
    'X-Powered-By': ECHO_IDENTITY,
    [ECHO_HEADER]: encodeEchoRecord(record),
    'Content-Length': canned.body.length,
  };
  if (canned.contentType) headers['Content-Type'] = canned.contentType;
  res.writeHead(canned.status, headers);
  res.end(canned.body);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
