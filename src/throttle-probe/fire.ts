import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** The one request a probe repeats. `url` is absolute; headers carry the (valid) credentials. */
export interface ProbeTarget {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface Fired {
  /** When the request was written to the socket (monotonic ms): the closest a client gets to arrival time. */
  sentAt: number;
  doneAt: number;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Transport failure (no response). */
  error?: string;
}

const BODY_LIMIT = 4096;

/** At most this many connections are opened for one burst; the rest of a larger burst follows right after. */
export const MAX_BURST_SOCKETS = 500;

export interface Firer {
  fire(target: ProbeTarget): Promise<Fired>;
  /**
   * `count` requests that reach the gateway together: connections are opened first, then every request is
   * written in one go (`sentAt` is that moment for all). Without this, connection set-up spreads a "burst"
   * over tens of milliseconds on a loaded machine, and the bucket refills meanwhile.
   */
  burst(target: ProbeTarget, count: number): Promise<Fired[]>;
  close(): void;
}

/**
 * A sender for probes: its own keep-alive agent without a socket cap (unlike a shared pool), send times taken
 * when a request is flushed to the socket rather than when it is queued, and truly simultaneous bursts.
 * close() drops the probe's sockets.
 */
export function createFirer(): Firer {
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: Infinity }), https: new HttpsAgent({ keepAlive: true, maxSockets: Infinity }) };
  const fire = (target: ProbeTarget, socket?: Socket): Promise<Fired> =>
    new Promise((resolve) => {
      const url = new URL(target.url);
      const secure = url.protocol === 'https:';
      let sentAt = performance.now();
      const headers = { ...(target.body !== undefined ? { 'content-length': String(Buffer.byteLength(target.body)) } : {}), ...target.headers };
      const fail = (e: Error): void =>
        resolve({ sentAt, doneAt: performance.now(), status: 0, headers: {}, body: '', error: (e as NodeJS.ErrnoException).code ?? e.message });
      const options = {
        host: hostOf(url),
        port: portOf(url),
        method: target.method,
        path: `${url.pathname}${url.search}`,
        headers,
        timeout: target.timeoutMs ?? 10_000,
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(c);
          size += c.length;
        });
        res.on('error', fail);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            sentAt,
            doneAt: performance.now(),
            status: res.statusCode ?? 0,
            headers: out,
            body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
          });
          if (socket) socket.destroy();
        });
      };
      const req: ClientRequest = socket
        ? (secure ? httpsRequest : httpRequest)({ ...options, agent: false, createConnection: () => socket }, onResponse)
        : (secure ? httpsRequest : httpRequest)({ ...options, agent: secure ? agents.https : agents.http }, onResponse);
      if (!socket) req.on('finish', () => (sentAt = performance.now()));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', fail);
      req.end(target.body);
    });

  const burst = async (target: ProbeTarget, count: number): Promise<Fired[]> => {
    const url = new URL(target.url);
    const together = Math.min(count, MAX_BURST_SOCKETS);
    const sockets = await Promise.all(Array.from({ length: together }, () => open(url, target.timeoutMs ?? 10_000)));
    const pending = sockets.map((socket) => (socket instanceof Error ? socket : fire(target, socket)));
    // Requests are written to their sockets on the next tick, all together: that moment is their send time.
    const sentAt = performance.now();
    const fired = pending.map((p) => (p instanceof Error ? Promise.resolve(failed(sentAt, p)) : p.then((f) => ({ ...f, sentAt }))));
    const rest = Array.from({ length: count - together }, () => fire(target));
    return Promise.all([...fired, ...rest]);
  };

  return {
    fire: (target) => fire(target),
    burst,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');
const portOf = (url: URL): number => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const failed = (at: number, e: Error): Fired => ({
  sentAt: at,
  doneAt: at,
  status: 0,
  headers: {},
  body: '',
  error: (e as NodeJS.ErrnoException).code ?? e.message,
});

/** A connected socket (TLS for https, HTTP/1.1 by ALPN), or the error that prevented it. */
function open(url: URL, timeoutMs: number): Promise<Socket | Error> {
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const host = hostOf(url);
    const socket: Socket = secure
      ? tlsConnect({ host, port: portOf(url), servername: host, ALPNProtocols: ['http/1.1'] }, () => done(socket))
      : netConnect({ host, port: portOf(url) }, () => done(socket));
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    const done = (value: Socket | Error): void => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      if (value instanceof Error) socket.destroy();
      else socket.on('error', () => undefined);
      resolve(value);
    };
    socket.once('error', (e) => done(e));
  });
}
