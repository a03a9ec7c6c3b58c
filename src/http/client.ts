import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A request exactly as sent: `path` is written to the wire unnormalized (path-variant checks rely on it). */
export interface HttpRequest {
  method: string;
  /** Origin, e.g. http://127.0.0.1:4010 */
  origin: string;
  /** Raw request target incl. query, e.g. /dev//pets?limit=1 (not normalized, not re-encoded). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The body was longer than the read bound and was cut. */
  truncated: boolean;
  /** Wall time from send to the last byte. */
  durationMs: number;
  /** Monotonic start time (performance.now()) for timelines. */
  startedAt: number;
  /** The answer to a HEAD request, which carries no body. */
  bodyless?: boolean;
}

export type TransportErrorCode = 'ECONNREFUSED' | 'ENOTFOUND' | 'ETIMEDOUT' | 'TLS' | 'ECONNRESET' | 'OTHER';

/** The target could not be talked to at all (as opposed to answering badly). */
export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly url: string;
  constructor(code: TransportErrorCode, url: string, message: string) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
    this.url = url;
  }
}

/** Bodies beyond this are cut (huge responses must not exhaust memory). */
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/** Ends the keep-alive connections, so a finished command exits at once (not when the server times them out). */
export function closeConnections(): void {
  agents.http.destroy();
  agents.https.destroy();
}

export function send(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.origin);
  const secure = url.protocol === 'https:';
  const requestFn = secure ? httpsRequest : httpRequest;
  const startedAt = performance.now();
  const fullUrl = `${req.origin}${req.path}`;
  return new Promise((resolve, reject) => {
    const outgoing = requestFn(
      {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (secure ? 443 : 80),
        method: req.method,
        path: req.path,
        headers: { ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}), ...req.headers },
        agent: secure ? agents.https : agents.http,
        timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = (truncated: boolean): void => {
          const body = Buffer.concat(chunks);
          resolve({
            status: incoming.statusCode ?? 0,
            headers: flattenHeaders(incoming.headers),
            body: body.subarray(0, MAX_BODY_BYTES).toString('utf8'),
            truncated: truncated || body.length > MAX_BODY_BYTES,
            durationMs: performance.now() - startedAt,
            startedAt,
            ...(req.method === 'HEAD' ? { bodyless: true } : {}),
          });
        };
        incoming.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size < MAX_BODY_BYTES) return;
          // Bounded: stop reading a huge answer (and drop its connection) instead of draining it.
          incoming.removeAllListeners('data');
          incoming.removeAllListeners('aborted');
          incoming.removeAllListeners('error');
          incoming.on('error', () => undefined);
          outgoing.destroy();
          finish(true);
        });
        incoming.on('error', (e) => reject(classify(e, fullUrl)));
        incoming.on('end', () => finish(false));
        incoming.on('aborted', () => reject(new TransportError('ECONNRESET', fullUrl, 'response aborted (truncated by the server)')));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new TransportError('ETIMEDOUT', fullUrl, `no response within ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`)));
    outgoing.on('error', (e) => reject(classify(e, fullUrl)));
    outgoing.end(req.body);
  });
}

function classify(e: Error, url: string): TransportError {
  if (e instanceof TransportError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return new TransportError(code, url, e.message);
  if (code === 'EAI_AGAIN') return new TransportError('ENOTFOUND', url, e.message);
  if (/CERT|SSL|TLS|self.signed/i.test(code) || /certificate|tls|ssl/i.test(e.message)) return new TransportError('TLS', url, e.message);
  return new TransportError('OTHER', url, e.message);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Splits a stage base URL into origin and path prefix: http://h:1/dev -> [http://h:1, /dev]. */
export function splitBaseURL(baseURL: string): { origin: string; prefix: string } {
  const url = new URL(baseURL);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}
