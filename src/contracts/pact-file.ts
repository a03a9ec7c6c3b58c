import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';

/** One HTTP interaction of a pact, normalized across Pact specification versions 2, 3 and 4. */
export interface PactInteraction {
  consumer: string;
  provider: string;
  description: string;
  states: { name: string; params: Record<string, unknown> }[];
  pending: boolean;
  /** File path or broker URL of the pact. */
  source: string;
  /** Position in its pact (verification order). */
  index: number;
  request: PactMessage & { method: string; path: string; query: Record<string, string[]> };
  response: PactMessage & { status: number };
}

export interface PactMessage {
  /** Lower-case names; repeated values joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the text otherwise; undefined when there is no body. */
  body?: unknown;
  contentType?: string;
}

export interface Pact {
  consumer: string;
  provider: string;
  specVersion: string;
  source: string;
  interactions: PactInteraction[];
  /** Interactions gateproof does not handle (message, plugin), by description. */
  ignored: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a pact document (already JSON-parsed). Throws a GateproofError naming the source when it is not a pact. */
export function parsePact(doc: unknown, source: string): Pact {
  if (!isObj(doc) || !isObj(doc.consumer) || !isObj(doc.provider) || !Array.isArray(doc.interactions)) {
    throw new GateproofError('USAGE', 'not a pact file (needs consumer, provider and interactions)', {
      where: source,
      hint: 'keep only pact files (written by Pact consumer tests) in the pact folder',
    });
  }
  const consumer = String(doc.consumer.name ?? '');
  const provider = String(doc.provider.name ?? '');
  const metadata = isObj(doc.metadata) ? doc.metadata : {};
  const spec = isObj(metadata.pactSpecification) ? metadata.pactSpecification : isObj(metadata['pact-specification']) ? metadata['pact-specification'] : {};
  const specVersion = String(spec.version ?? '2.0.0');
  const interactions: PactInteraction[] = [];
  const ignored: string[] = [];
  doc.interactions.forEach((raw, index) => {
    if (!isObj(raw)) return;
    const type = typeof raw.type === 'string' ? raw.type : 'Synchronous/HTTP';
    if (type !== 'Synchronous/HTTP' || !isObj(raw.request) || !isObj(raw.response)) {
      ignored.push(String(raw.description ?? `#${index}`));
      return;
    }
    interactions.push({
      consumer,
      provider,
      description: String(raw.description ?? ''),
      states: statesOf(raw),
      pending: raw.pending === true,
      source,
      index,
      request: {
        method: String(raw.request.method ?? 'GET').toUpperCase(),
        path: String(raw.request.path ?? '/'),
        query: queryOf(raw.request.query),
        ...messageOf(raw.request),
      },
      response: { status: Number(raw.response.status ?? 200), ...messageOf(raw.response) },
    });
  });
  return { consumer, provider, specVersion, source, interactions, ignored };
}

function statesOf(raw: Obj): PactInteraction['states'] {
  if (Array.isArray(raw.providerStates)) {
    return raw.providerStates.filter(isObj).map((s) => ({ name: String(s.name ?? ''), params: isObj(s.params) ? s.params : {} }));
  }
  return typeof raw.providerState === 'string' && raw.providerState ? [{ name: raw.providerState, params: {} }] : [];
}

function queryOf(query: unknown): Record<string, string[]> {
  if (typeof query === 'string') {
    const out: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(query)) (out[k] ??= []).push(v);
    return out;
  }
  if (!isObj(query)) return {};
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]));
}

function messageOf(raw: Obj): PactMessage {
  const headers: Record<string, string> = {};
  if (isObj(raw.headers)) {
    for (const [k, v] of Object.entries(raw.headers)) {
      const value = Array.isArray(v) ? v.map(String).join(', ') : String(v);
      const name = k.toLowerCase();
      headers[name] = headers[name] && headers[name] !== value ? `${headers[name]}, ${value}` : value;
    }
  }
  const out: PactMessage = { headers };
  if (raw.body === undefined || raw.body === null) return out;
  // V4 wraps the body: { content, contentType, encoded }; V2/V3 hold it raw.
  const v4 = isObj(raw.body) && 'content' in raw.body && ('contentType' in raw.body || 'encoded' in raw.body);
  const contentType = (v4 ? (raw.body as Obj).contentType : undefined) ?? headers['content-type'];
  if (typeof contentType === 'string') out.contentType = contentType;
  const content = v4 ? (raw.body as Obj).content : raw.body;
  const encoded = v4 ? (raw.body as Obj).encoded : false;
  out.body = decodeBody(content, encoded, out.contentType);
  return out;
}

function decodeBody(content: unknown, encoded: unknown, contentType: string | undefined): unknown {
  let value = content;
  if (encoded === 'base64' && typeof value === 'string') value = Buffer.from(value, 'base64').toString('utf8');
  if (typeof value === 'string' && isJsonType(contentType)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

export const isJsonType = (contentType: string | undefined): boolean => !contentType || /[/+]json\b/i.test(contentType);

/** Reads every *.json pact in a folder (or one file), in name order. */
export function readPactDir(location: string): Pact[] {
  const full = resolve(location);
  if (!existsSync(full)) return [];
  const files = statSync(full).isDirectory()
    ? readdirSync(full)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(full, f))
    : [full];
  return files.map((file) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new GateproofError('USAGE', `invalid JSON in pact file: ${(e as Error).message}`, {
        where: file,
        hint: 'regenerate the pact from its consumer tests',
      });
    }
    return parsePact(doc, file);
  });
}
