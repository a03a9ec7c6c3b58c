import type { Evidence } from '../domain/result.ts';
import { redact, redactHeaders } from '../secrets/redact.ts';
import type { HttpResponse } from './client.ts';

/** Evidence keeps the first bytes of a body: enough to see the gateway's message, never a whole payload. */
export const BODY_EXCERPT_BYTES = 2048;

/** Response headers that say nothing about the gateway's behaviour. */
const NOISE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * The redacted record of one exchange. `credentialHeaders` names headers that carry credentials for this
 * API beyond the usual ones (e.g. X-Partner-Token), so they are masked whatever they hold.
 */
export function exchangeEvidence(request: SentRequest, response: HttpResponse, credentialHeaders: Iterable<string> = []): Evidence {
  const relevant = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !NOISE_HEADERS.has(name)));
  return {
    request: redact(`${request.method} ${request.url}`),
    requestHeaders: redactHeaders(request.headers, credentialHeaders),
    status: response.status,
    responseHeaders: redactHeaders(relevant, credentialHeaders),
    bodyExcerpt: redact(excerpt(response.body, response.truncated)),
    durationMs: Math.round(response.durationMs),
  };
}

/** Evidence for a request that got no answer at all. */
export function transportEvidence(request: SentRequest, message: string, credentialHeaders: Iterable<string> = []): Evidence {
  return {
    request: redact(`${request.method} ${request.url}`),
    requestHeaders: redactHeaders(request.headers, credentialHeaders),
    note: redact(`no response: ${message}`),
  };
}

export function excerpt(body: string, truncated = false): string {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= BODY_EXCERPT_BYTES) return truncated ? `${body}…` : body;
  // Cut on a character boundary: decoding a partial multi-byte sequence would leave a replacement char.
  return `${bytes
    .subarray(0, BODY_EXCERPT_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}…`;
}
