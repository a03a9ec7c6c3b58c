import { createHash } from 'node:crypto';
import type { MediaContent, Operation, ResponseSpec } from '../openapi/model.ts';
import { sampleFromSchema } from '../openapi/sample.ts';
import { schemaValidator, type SpecVersion } from '../openapi/schemas.ts';

/**
 * The canned answers of each operation: its documented success (status, content type, a body from the
 * example or generated from the schema, reproducible from the config seed) and, for the status-drift fault,
 * an undocumented status with a body off the schema. Computed once per operation.
 */

export interface Canned {
  status: number;
  contentType?: string;
  body: Buffer;
}

const NO_BODY = new Set([204, 205, 304]);

export class ResponseCatalog {
  private readonly success = new Map<string, Canned>();
  private readonly drift = new Map<string, Canned>();

  constructor(
    private readonly seed: number,
    private readonly version: SpecVersion,
  ) {}

  /** The operation's documented success answer; `status` overrides the status (MOCK integration responses). */
  successOf(op: Operation, status?: number): Canned {
    const id = status === undefined ? op.key : `${op.key}\u0000${status}`;
    let canned = this.success.get(id);
    if (!canned) this.success.set(id, (canned = this.build(op, status ?? successStatus(op))));
    return canned;
  }

  driftOf(op: Operation): Canned {
    let canned = this.drift.get(op.key);
    if (!canned) this.drift.set(op.key, (canned = buildDrift(op, this.version)));
    return canned;
  }

  private build(op: Operation, status: number): Canned {
    const media = bodyMedia(responseFor(op, status));
    if (NO_BODY.has(status) || !media) return { status, body: Buffer.alloc(0) };
    const value = media.example !== undefined ? media.example : sampleFromSchema(media.schema, this.seed + opSeed(op.key));
    const body = typeof value === 'string' && !/json/i.test(media.mediaType) ? value : JSON.stringify(value ?? {});
    return { status, contentType: media.mediaType, body: Buffer.from(body) };
  }
}

/** The lowest documented 2xx status, else the lowest 3xx (an operation that only redirects); 200 for 2XX / default / nothing documented. */
function successStatus(op: Pick<Operation, 'responses'>): number {
  const codes = op.responses.map((r) => Number(r.status));
  const success = codes.filter((s) => s >= 200 && s < 300);
  const redirect = codes.filter((s) => s >= 300 && s < 400);
  return success.length > 0 ? Math.min(...success) : redirect.length > 0 ? Math.min(...redirect) : 200;
}

function responseFor(op: Pick<Operation, 'responses'>, status: number): ResponseSpec | undefined {
  const exact = op.responses.find((r) => r.status === String(status));
  return exact ?? op.responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`) ?? op.responses.find((r) => r.status === 'default');
}

const bodyMedia = (response: ResponseSpec | undefined): MediaContent | undefined =>
  response?.content.find((c) => /json/i.test(c.mediaType)) ?? response?.content[0];

function isDocumented(op: Operation, status: number): boolean {
  return op.responses.some((r) => r.status === String(status) || r.status.toUpperCase() === `${String(status)[0]}XX`);
}

/** An undocumented status and a body that fails the success schema (or is not JSON at all). */
function buildDrift(op: Operation, version: SpecVersion): Canned {
  const status = [299, 218, 250, 520, 599].find((s) => !isDocumented(op, s)) ?? 299;
  const schema = bodyMedia(responseFor(op, successStatus(op)))?.schema;
  const compiled = schema ? schemaValidator(schema, 'literal', version) : undefined;
  const validate = compiled instanceof Error ? undefined : compiled;
  const candidates: unknown[] = [{ gateproofDrift: true, message: 'undocumented answer' }, 'undocumented answer', 12345, [], null];
  const value = validate ? candidates.find((c) => !validate(c)) : candidates[0];
  if (value === undefined) return { status, contentType: 'text/plain', body: Buffer.from('undocumented answer') };
  return { status, contentType: 'application/json', body: Buffer.from(JSON.stringify(value)) };
}

function opSeed(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % 1_000_000;
}
