import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialKind } from '../openapi/model.ts';
import type { CredentialSlot } from '../auth/credentials.ts';
import { OperationMatcher, type RouteOperation } from './match.ts';
import { slotValue } from './placeholder.ts';

/** What the verifier worker needs to put a stage's credentials into pact requests (sent over IPC, never argv/env). */
export interface CredentialPlan {
  operations: RouteOperation[];
  basePath: string;
  /** Every credential slot an operation may read, per operation key. */
  slots: Record<string, CredentialSlot[]>;
  /** The stage's valid credential per kind, as sent on the wire ("Bearer ey..." for jwt). */
  values: Partial<Record<CredentialKind, string>>;
}

/** One request the verifier sent through the proxy and the gateway's answer (credentials as in the pact). */
export interface RecordedExchange {
  method: string;
  /** Path and query as in the pact (stage-less). */
  target: string;
  requestHeaders: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  bodyExcerpt?: string;
  /** Slots the pact filled that this stage has no credential for. */
  missing: CredentialKind[];
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const EXCERPT_BYTES = 2048;

/**
 * The verifier proxy's request filter: for the spec operation a request addresses, every credential slot the
 * pact filled (with the placeholder, or anything else) gets the stage's real credential. Slots the pact leaves
 * empty stay empty: a consumer that sends no key must be seen failing, as it would in production. Also records
 * each exchange (before injection) as evidence, and hands provider-state setup calls to `onState`.
 */
export function credentialFilter(
  plan: CredentialPlan,
  exchanges: RecordedExchange[],
  onState: (state: string, action: string) => void,
  stateSetupPath = '/_pactSetup',
): Middleware {
  const matcher = new OperationMatcher(plan.operations, plan.basePath);
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (url.pathname === stateSetupPath) {
      const body = (req as IncomingMessage & { body?: { state?: string; action?: string } }).body;
      onState(String(body?.state ?? ''), String(body?.action ?? ''));
      next();
      return;
    }
    const headers = flatHeaders(req.headers);
    const exchange: RecordedExchange = { method: req.method ?? 'GET', target: `${url.pathname}${url.search}`, requestHeaders: headers, missing: [] };
    exchanges.push(exchange);
    const found = matcher.match(req.method ?? 'GET', url.pathname);
    if (found.kind === 'operation') {
      const query: Record<string, string[]> = {};
      for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
      let queryChanged = false;
      for (const slot of plan.slots[found.operation.key] ?? []) {
        if (slotValue({ headers, query }, slot) === undefined) continue;
        const value = plan.values[slot.kind];
        if (value === undefined) {
          exchange.missing.push(slot.kind);
          continue;
        }
        if (slot.in === 'query') {
          url.searchParams.set(slot.name, value);
          queryChanged = true;
        } else if (slot.in === 'cookie') {
          req.headers.cookie = (req.headers.cookie ?? '')
            .split(/;\s*/)
            .map((c) => (c.startsWith(`${slot.name}=`) ? `${slot.name}=${value}` : c))
            .join('; ');
        } else {
          req.headers[slot.name.toLowerCase()] = value;
        }
      }
      if (queryChanged) req.url = `${url.pathname}${url.search}`;
    }
    // The proxy (express) announces itself; only the gateway's own headers belong in the evidence.
    res.removeHeader('x-powered-by');
    captureResponse(res, exchange);
    next();
  };
}

function captureResponse(res: ServerResponse, exchange: RecordedExchange): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || size >= EXCERPT_BYTES) return;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buf.subarray(0, EXCERPT_BYTES - size));
    size += buf.length;
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof res.end;
  res.on('finish', () => {
    exchange.status = res.statusCode;
    exchange.responseHeaders = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    exchange.bodyExcerpt = Buffer.concat(chunks).toString('utf8');
  });
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}
