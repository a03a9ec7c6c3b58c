import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Kong Gateway, built from Kong's source (github.com/Kong/kong; files and commits named below):
 * there is no Kong on this machine. It is a real HTTP server that routes and answers the way Kong's code does,
 * for the parts a gate sees: the router (kong/router/utils.lua, transform.lua: the path normalized with merged
 * slashes, regex paths anchored at the start, methods), the 404 of kong/runloop/handler.lua, the access phase
 * of the jwt, key-auth and request-transformer plugins in PRIORITY order, the response-transformer's header
 * removal, the rate-limiting plugin (fixed windows), and the headers Kong adds (kong/runloop/handler.lua
 * header_filter). Two answer sets:
 * - `3.9`: Kong 3.9 at 22246ef (the auth plugins answer 401; kong.response.error renders the JSON template of
 *   kong/tools/http.lua with a request_id; key-auth says "Unauthorized" for an unknown key since 60ea714).
 * - `1.0`: Kong 1.0.3 (kong/plugins/jwt/handler.lua and key-auth/handler.lua before 5000dcd answer 403 for an
 *   unknown `iss`, a wrong `alg`, a bad signature, an unknown key; every body is kong.response.exit's JSON).
 * Anything Kong can do that no check here touches (consumers' groups, upstream balancing, ...) is left out.
 */

export type KongVersion = '1.0' | '3.9';

export type KongPlugin =
  | { name: 'key-auth' }
  /** `claimsToVerify`: the plugin's `claims_to_verify` (exp, nbf); empty by default in Kong's schema.lua. */
  | { name: 'jwt'; claimsToVerify: ('exp' | 'nbf')[] }
  | { name: 'request-transformer'; addHeaders: Record<string, string> }
  | { name: 'response-transformer'; removeHeaders: string[] };

export interface KongRoute {
  name: string;
  methods: string[];
  /** Kong 3 regex paths, e.g. `~/pets/[^/]+$` (anchored at the start by the router). strip_path is false. */
  paths: string[];
  plugins: KongPlugin[];
}

interface KongConsumer {
  keyAuth: string[];
  jwtSecrets: { key: string; secret: string; algorithm: 'HS256' | 'HS384' | 'HS512' }[];
}

/**
 * The rate-limiting plugin on the service (kong/plugins/rate-limiting/handler.lua, policy `local`): `second`
 * requests per calendar second, one counter per client IP for every route of the service (`limit_by: ip`).
 * A request is counted when the plugin lets it through; Kong 1.x+ increments from a timer after the
 * response, which lets a concurrent burst overshoot a little: not reproduced here.
 */
interface KongRateLimiting {
  second: number;
}

export interface KongStandInOptions {
  version: KongVersion;
  routes: KongRoute[];
  consumers: KongConsumer[];
  rateLimiting?: KongRateLimiting;
  /** The service every route proxies to. */
  upstream: { host: string; port: number };
}

export interface KongStandIn {
  url: string;
  close(): Promise<void>;
}

const VERSION_TOKEN: Record<KongVersion, string> = { '1.0': 'kong/1.0.3', '3.9': 'kong/3.9.1' };
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'upgrade', 'te', 'trailer']);
// kong/plugins/jwt/jwt_parser.lua: alg_sign / alg_verify.
const SUPPORTED_ALGS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA']);
const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

interface Rejection {
  status: number;
  /** A message (rendered by kong.response.exit or .error) or a table of claim errors (jwt). */
  body: { message: string } | Record<string, string>;
  /** kong.response.error (3.x template with request_id) rather than kong.response.exit (plain JSON). */
  viaError?: boolean;
  headers?: Record<string, string>;
}

export async function startKongStandIn(options: KongStandInOptions): Promise<KongStandIn> {
  const counters = new Map<string, number>();
  const server = createServer((req, res) => void handle(options, counters, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => close(server) };
}

async function handle(options: KongStandInOptions, counters: Map<string, number>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const requestId = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const path = normalize(rawPath);
  const route = options.routes.find((r) => r.methods.includes(req.method ?? 'GET') && r.paths.some((p) => new RegExp(`^${p.replace(/^~/, '')}`).test(path)));
  // kong/runloop/handler.lua: no route matched.
  if (!route) return reject(options, req, res, requestId, started, { status: 404, body: { message: 'no Route matched with those values' }, viaError: true });
  const query = new URLSearchParams(rawQuery);
  for (const plugin of route.plugins) {
    const rejection =
      plugin.name === 'jwt'
        ? jwtAccess(options, plugin.claimsToVerify, req, query)
        : plugin.name === 'key-auth'
          ? keyAuthAccess(options, req, query)
          : undefined;
    if (rejection) return reject(options, req, res, requestId, started, rejection);
  }
  const limited = options.rateLimiting ? rateLimitingAccess(options.version, options.rateLimiting, counters, req.socket.remoteAddress ?? '') : undefined;
  if (limited?.rejection) return reject(options, req, res, requestId, started, limited.rejection);
  const added = Object.assign({}, ...route.plugins.map((p) => (p.name === 'request-transformer' ? p.addHeaders : {}))) as Record<string, string>;
  const removed = new Set(route.plugins.flatMap((p) => (p.name === 'response-transformer' ? p.removeHeaders.map((h) => h.toLowerCase()) : [])));
  proxy(options, req, res, { path: req.url ?? '/', body, added, removed, requestId, started, pluginHeaders: limited?.headers ?? {} });
}

/**
 * The rate-limiting plugin's access phase: the usage of the current second for this identifier; at the limit a
 * 429 "API rate limit exceeded", else the request is counted. Its X-RateLimit-* headers (and in 3.x the
 * RateLimit-* draft headers, Retry-After on a 429) go on either answer; returned as headers for the proxied one.
 */
function rateLimitingAccess(
  version: KongVersion,
  limits: KongRateLimiting,
  counters: Map<string, number>,
  identifier: string,
): { rejection?: Rejection; headers: Record<string, string> } {
  const second = Math.floor(Date.now() / 1000);
  const key = `${identifier} second ${second}`;
  const usage = counters.get(key) ?? 0;
  const remaining = limits.second - usage;
  const headers: Record<string, string> = {
    'X-RateLimit-Limit-Second': String(limits.second),
    'X-RateLimit-Remaining-Second': String(Math.max(0, remaining - 1)),
  };
  if (version === '3.9')
    Object.assign(headers, { 'RateLimit-Limit': String(limits.second), 'RateLimit-Remaining': String(Math.max(0, remaining - 1)), 'RateLimit-Reset': '1' });
  if (remaining <= 0) {
    const rejected = version === '3.9' ? { ...headers, 'Retry-After': '1' } : headers;
    return { rejection: { status: 429, body: { message: 'API rate limit exceeded' }, viaError: version === '3.9', headers: rejected }, headers };
  }
  for (const k of counters.keys()) if (!k.endsWith(` ${second}`)) counters.delete(k);
  counters.set(key, usage + 1);
  return { headers };
}

/** kong/plugins/key-auth/handler.lua: key_names ["apikey"], looked up in the headers, then the query string. */
function keyAuthAccess(options: KongStandInOptions, req: IncomingMessage, query: URLSearchParams): Rejection | undefined {
  const challenge = options.version === '3.9' ? { 'WWW-Authenticate': 'Key' } : undefined;
  const header = req.headers.apikey;
  const key = (Array.isArray(header) ? header[0] : header) ?? query.get('apikey') ?? undefined;
  if (!key) return { status: 401, body: { message: 'No API key found in request' }, viaError: options.version === '3.9', headers: challenge };
  if (options.consumers.some((c) => c.keyAuth.includes(key))) return undefined;
  return options.version === '3.9'
    ? { status: 401, body: { message: 'Unauthorized' }, viaError: true, headers: challenge }
    : { status: 403, body: { message: 'Invalid authentication credentials' } };
}

/** kong/plugins/jwt/handler.lua do_authentication, with jwt_parser.lua's decoding and registered claims. */
function jwtAccess(options: KongStandInOptions, claimsToVerify: ('exp' | 'nbf')[], req: IncomingMessage, query: URLSearchParams): Rejection | undefined {
  const modern = options.version === '3.9';
  const legacyStatus = modern ? 401 : 403;
  const fail = (status: number, message: string, challenge = 'Bearer error="invalid_token"'): Rejection => ({
    status,
    body: { message },
    headers: modern ? { 'WWW-Authenticate': challenge } : undefined,
  });
  const tokens = new Set<string>();
  const fromQuery = query.get('jwt');
  if (fromQuery) tokens.add(fromQuery);
  const bearer = /\s*[Bb]earer\s+(.+)/.exec(String(req.headers.authorization ?? ''))?.[1];
  if (bearer) tokens.add(bearer);
  if (tokens.size === 0) return fail(401, 'Unauthorized', 'Bearer');
  if (tokens.size > 1) return fail(401, 'Multiple tokens provided');
  const token = [...tokens][0]!;
  const decoded = decode(token);
  if (typeof decoded === 'string') return fail(401, `Bad token; ${decoded}`);
  const key = decoded.claims.iss ?? decoded.header.iss;
  if (key === undefined) return fail(401, "No mandatory 'iss' in claims");
  if (key === '') return fail(401, "Invalid 'iss' in claims");
  const secret = options.consumers.flatMap((c) => c.jwtSecrets).find((s) => s.key === key);
  if (!secret) return fail(legacyStatus, "No credentials found for given 'iss'");
  if (decoded.header.alg !== secret.algorithm) return fail(legacyStatus, 'Invalid algorithm');
  const expected = createHmac(HMAC[secret.algorithm]!, secret.secret).update(decoded.signed).digest();
  if (expected.length !== decoded.signature.length || !timingSafeEqual(expected, decoded.signature)) return fail(legacyStatus, 'Invalid signature');
  const errors: Record<string, string> = {};
  const now = Date.now() / 1000;
  for (const claim of claimsToVerify) {
    const value = decoded.claims[claim];
    if (value === undefined) continue;
    if (typeof value !== 'number') errors[claim] = 'must be a number';
    else if (claim === 'exp' && value <= now) errors.exp = 'token expired';
    else if (claim === 'nbf' && value > now) errors.nbf = 'token not valid yet';
  }
  if (Object.keys(errors).length > 0)
    return { status: 401, body: errors, headers: modern ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined };
  return undefined;
}

interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signature: Buffer;
  signed: string;
}

/** jwt_parser.lua decode_token: the error strings it returns, or the decoded parts. */
function decode(token: string): DecodedJwt | string {
  const [header64 = '', claims64 = '', signature64 = ''] = token.split('.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(header64, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(claims64, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'invalid JSON';
  }
  if (typeof header?.alg !== 'string' || !SUPPORTED_ALGS.has(header.alg)) return 'invalid alg';
  if (!claims) return 'invalid claims';
  return { header, claims, signature: Buffer.from(signature64, 'base64url'), signed: `${header64}.${claims64}` };
}

/** A response Kong produced itself: Server (and in 3.x X-Kong-Response-Latency, X-Kong-Request-Id). */
function reject(options: KongStandInOptions, req: IncomingMessage, res: ServerResponse, requestId: string, started: number, r: Rejection): void {
  const modernTemplate = options.version === '3.9' && r.viaError === true && 'message' in r.body;
  // kong/tools/http.lua ERROR_TEMPLATES[json] (3.5+) for kong.response.error; cjson for kong.response.exit.
  const text = modernTemplate ? `{\n  "message":"${(r.body as { message: string }).message}",\n  "request_id":"${requestId}"\n}` : JSON.stringify(r.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', Server: VERSION_TOKEN[options.version], ...(r.headers ?? {}) };
  if (options.version === '3.9') Object.assign(headers, { 'X-Kong-Response-Latency': String(Date.now() - started), 'X-Kong-Request-Id': requestId });
  res.writeHead(r.status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(req.method === 'HEAD' ? undefined : text);
}

interface ProxyInput {
  path: string;
  body: Buffer;
  added: Record<string, string>;
  removed: Set<string>;
  /** Response headers plugins set in header_filter (rate-limiting's). */
  pluginHeaders: Record<string, string>;
  requestId: string;
  started: number;
}

/** The proxied answer: the upstream's status and headers, Via, the latency headers, minus removed headers. */
function proxy(options: KongStandInOptions, req: IncomingMessage, res: ServerResponse, input: ProxyInput): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  Object.assign(headers, input.added, { 'content-length': String(input.body.length) });
  const upstreamStarted = Date.now();
  const outgoing = httpRequest({ host: options.upstream.host, port: options.upstream.port, method: req.method, path: input.path, headers }, (incoming) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(incoming.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name) && !input.removed.has(name)) out[name] = value;
      Object.assign(out, input.pluginHeaders);
      out.via = options.version === '3.9' ? `1.1 ${VERSION_TOKEN['3.9']}` : VERSION_TOKEN['1.0'];
      out.server ??= VERSION_TOKEN[options.version];
      if (options.version === '3.9')
        Object.assign(out, {
          'x-kong-upstream-latency': String(Date.now() - upstreamStarted),
          'x-kong-proxy-latency': String(upstreamStarted - input.started),
          'x-kong-request-id': input.requestId,
        });
      const body = Buffer.concat(chunks);
      res.writeHead(incoming.statusCode ?? 502, { ...out, 'content-length': String(body.length) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  outgoing.on('error', () =>
    reject(options, req, res, input.requestId, input.started, {
      status: 502,
      body: { message: 'An invalid response was received from the upstream server' },
      viaError: true,
    }),
  );
  outgoing.end(input.body.length > 0 ? input.body : undefined);
}

/**
 * kong/tools/uri.lua normalize(uri, merge_slashes = true): percent-escapes of unreserved characters decoded,
 * dot segments removed, repeated slashes merged (the router matches the result).
 */
function normalize(uri: string): string {
  const reserved = "!*'();:@&=+$,/?%#[]";
  let rest = uri.replace(/%([0-9A-Fa-f]{2})/g, (whole, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return reserved.includes(char) ? whole.toUpperCase() : char;
  });
  const out: string[] = [];
  while (rest.length > 0) {
    if (rest === '/.') rest = '/';
    else if (rest === '/..') {
      rest = '/';
      out.pop();
    } else if (rest === '.' || rest === '..') rest = '';
    else if (rest.startsWith('../')) rest = rest.slice(3);
    else if (rest.startsWith('./')) rest = rest.slice(2);
    else if (rest.startsWith('/./')) rest = rest.slice(2);
    else if (rest.startsWith('/../')) {
      rest = rest.slice(3);
      out.pop();
    } else if (rest.startsWith('//')) rest = rest.slice(1);
    else {
      const next = rest.indexOf('/', 1);
      out.push(next < 0 ? rest : rest.slice(0, next));
      rest = next < 0 ? '' : rest.slice(next);
    }
  }
  return out.join('');
}

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
