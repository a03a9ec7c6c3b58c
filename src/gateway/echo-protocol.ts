/**
 * The echo protocol: how gateproof's echo backends tell the gate who answered and what they received. An echo
 * backend adds one header to every answer
 *   x-gateproof-echo: {"backend":"<stage>","method":"GET","path":"/pets/abc123","query":{"limit":"5"}}
 * (compact JSON, non-ASCII escaped). The local gateway's backends speak it; a team can run one behind a real
 * gateway; the gate reads it as the `echo` route oracle.
 */

export const ECHO_HEADER = 'x-gateproof-echo';
/** Private header a gateway sets to tell an echo backend which operation it serves (stripped from clients). */
export const OP_HEADER = 'x-gateproof-op';
/** The Server / X-Powered-By value an echo backend leaks, so header hygiene can be checked. */
export const ECHO_IDENTITY = 'gateproof-echo';

export interface EchoRecord {
  backend: string;
  method: string;
  path: string;
  query: Record<string, string>;
}

/** Compact JSON safe for an HTTP header (non-ASCII as \uXXXX escapes). */
export function encodeEchoRecord(record: EchoRecord): string {
  return JSON.stringify(record).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Reads the oracle header back; undefined when absent or not an echo record. */
export function parseEchoHeader(value: string | undefined): EchoRecord | undefined {
  if (!value) return undefined;
  try {
    const r = JSON.parse(value) as EchoRecord;
    return typeof r.backend === 'string' && typeof r.path === 'string' && typeof r.method === 'string' && typeof r.query === 'object' ? r : undefined;
  } catch {
    return undefined;
  }
}
