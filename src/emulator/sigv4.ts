import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ERRORS, type ErrorDef } from './responses.ts';

/**
 * SigV4 verification as API Gateway does it for AWS_IAM methods: the Authorization header parsed, the
 * credential scope and the clock checked, the key looked up, the signature recomputed from the request as
 * received, and AWS's own answers when something is off. Written from the SigV4 specification with
 * node:crypto, apart from the gate's signer (@smithy/signature-v4), so each checks the other; both are held
 * to AWS's published test vectors (test/auth/sigv4-vectors.test.ts).
 */

/** A request as the gateway received it: nothing normalized. */
export interface ReceivedRequest {
  method: string;
  /** The full path (stage included), without the query. */
  path: string;
  rawQuery: string;
  /** node's rawHeaders: name, value, name, value, ... */
  rawHeaders: readonly string[];
  body: Buffer;
}

/** What one stage accepts: the IAM principals it trusts (by access key id), its region and its service name (execute-api). */
export interface Sigv4Realm {
  keys: ReadonlyMap<string, { secretAccessKey: string; sessionToken?: string }>;
  region?: string;
  service: string;
}

/** An AWS answer with its own message (dates, canonical strings). */
export interface Refusal {
  error: ErrorDef;
  message?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses signatures dated more than this off its clock. */
const MAX_SKEW_MS = 5 * 60_000;

/** undefined: the signature is valid. */
export function verifySigv4(request: ReceivedRequest, realm: Sigv4Realm, now = Date.now()): Refusal | undefined {
  const headers = headerValues(request.rawHeaders);
  const authorization = headers.get('authorization')?.join(',');
  if (authorization === undefined) return { error: ERRORS.missingAuthToken };
  const parsed = parseAuthorization(authorization, headers);
  if ('refusal' in parsed) return parsed.refusal;
  const { credential, signedHeaders, signature, amzDate } = parsed;

  const scope = credential.split('/');
  if (scope.length !== 5)
    return incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [string, string, string, string, string];
  const date = parseAmzDate(amzDate);
  if (!date) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  if (terminator !== 'aws4_request') return invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `);
  if (service !== realm.service) return invalid(`Credential should be scoped to correct service: '${realm.service}'. `);
  if (realm.region !== undefined && region !== realm.region) return invalid(`Credential should be scoped to a valid region, not '${region}'. `);
  if (scopeDate !== amzDate.slice(0, 8)) {
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (date.getTime() < now - MAX_SKEW_MS)
    return invalid(`Signature expired: ${amzDate} is now earlier than ${basicFormat(now - MAX_SKEW_MS)} (${basicFormat(now)} - 5 min.)`);
  if (date.getTime() > now + MAX_SKEW_MS)
    return invalid(`Signature not yet current: ${amzDate} is still later than ${basicFormat(now + MAX_SKEW_MS)} (${basicFormat(now)} + 5 min.)`);

  const key = realm.keys.get(accessKeyId);
  const token = headers.get('x-amz-security-token')?.join(',');
  if (!key || token !== key.sessionToken) return { error: ERRORS.unrecognizedClient };

  const canonical = canonicalRequest(request, headers, signedHeaders);
  const toSign = stringToSign(amzDate, `${scopeDate}/${region}/${service}/aws4_request`, canonical);
  const expected = signatureOf(key.secretAccessKey, scopeDate, region, service, toSign);
  if (!sameHex(expected, signature)) {
    return invalid(
      `${ERRORS.invalidSignature.message}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
    );
  }
  return undefined;
}

/** `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` and the request date, or AWS's IncompleteSignature answer. */
function parseAuthorization(
  authorization: string,
  headers: ReadonlyMap<string, string[]>,
): { credential: string; signedHeaders: string[]; signature: string; amzDate: string } | { refusal: Refusal } {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  const params = new Map<string, string>();
  for (const part of (space < 0 ? '' : authorization.slice(space + 1)).split(',')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) return { refusal: { error: ERRORS.incompleteSignature, message: missingEqualSign(authorization) } };
    params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const amzDate = headers.get('x-amz-date')?.[0] ?? httpDate(headers.get('date')?.[0]);
  const missing = [
    ...['Credential', 'Signature', 'SignedHeaders'].filter((name) => !params.get(name)).map((name) => `Authorization header requires '${name}' parameter.`),
    ...(amzDate === undefined ? ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."] : []),
  ];
  // AWS appends "Authorization=<the header>" to these sentences; the local gateway does not echo a credential.
  if (missing.length > 0 || amzDate === undefined) return { refusal: incomplete(missing.join(' ')) };
  if (algorithm !== ALGORITHM) return { refusal: incomplete(`Unsupported AWS 'algorithm': '${algorithm}'`) };
  return { credential: params.get('Credential')!, signedHeaders: params.get('SignedHeaders')!.split(';'), signature: params.get('Signature')!, amzDate };
}

/** AWS's answer to an Authorization value that is not key=value pairs (newer wording: the value hashed, not echoed). */
export function missingEqualSign(authorization: string): string {
  const hashed = createHash('sha256').update(authorization).digest('base64');
  return `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hashed}'.`;
}

/** The canonical request of the SigV4 specification (path segments normalized and URI-encoded once more). */
export function canonicalRequest(
  request: Pick<ReceivedRequest, 'method' | 'path' | 'rawQuery' | 'body'>,
  headers: ReadonlyMap<string, string[]>,
  signedHeaders: readonly string[],
): string {
  const names = signedHeaders.map((h) => h.toLowerCase());
  return [
    request.method,
    canonicalPath(request.path),
    canonicalQuery(request.rawQuery),
    ...names.map((name) => `${name}:${(headers.get(name) ?? []).map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}`),
    '',
    names.join(';'),
    createHash('sha256').update(request.body).digest('hex'),
  ].join('\n');
}

function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
}

function signatureOf(secret: string, date: string, region: string, service: string, toSign: string): string {
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(toSign).digest('hex');
}

function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Query pairs decoded (`+` stays a plus), encoded again, sorted by name then value. */
function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    pairs.push([uriEncode(decode(eq < 0 ? pair : pair.slice(0, eq))), uriEncode(decode(eq < 0 ? '' : pair.slice(eq + 1)))]);
  }
  return pairs
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const uriEncode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Lower-case header name -> its values in arrival order. */
export function headerValues(rawHeaders: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    out.set(name, [...(out.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return out;
}

/** A Date header (RFC 7231) in the basic format X-Amz-Date uses; unparsable values stay as they are. */
function httpDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : basicFormat(ms);
}

/** 20150830T123600Z */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const basicFormat = (ms: number): string => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const incomplete = (message: string): Refusal => ({ error: ERRORS.incompleteSignature, message });
const invalid = (message: string): Refusal => ({ error: ERRORS.invalidSignature, message });
