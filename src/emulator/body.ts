import type { IncomingMessage } from 'node:http';

/**
 * Bounded request bodies: a declared Content-Length beyond the bound, or a chunked body growing past it,
 * is refused (the gateway answers 413) and the rest is drained and discarded so the client can read that
 * answer instead of a connection reset; an endless body is cut off after a grace period.
 */

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DRAIN_GRACE_MS = 5_000;
const EMPTY = Buffer.alloc(0);

export function readBody(req: IncomingMessage, onBody: (body: Buffer) => void, onTooLarge: () => void, limit = MAX_BODY_BYTES): void {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) return onBody(EMPTY);
  if (length !== undefined && Number(length) > limit) return refuse(req, onTooLarge);
  if (length === '0') return onBody(EMPTY);
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > limit) {
      done = true;
      chunks.length = 0;
      refuse(req, onTooLarge);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    onBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
  req.on('error', () => (done = true));
}

function refuse(req: IncomingMessage, onTooLarge: () => void): void {
  onTooLarge();
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_GRACE_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}
