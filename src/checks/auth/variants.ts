/**
 * Spellings of a secured route that a sloppy gateway (or the proxy behind it) may route differently from how
 * it authenticates. Pure: the concrete path in, the variants out.
 */
export interface PathVariant {
  label: string;
  method: string;
  /** Raw path below the stage, written to the wire as is. */
  path: string;
  headers: Record<string, string>;
}

export interface VariantOptions {
  /** The stage's base path (e.g. /prod), for headers that carry the full original URL. */
  stagePrefix: string;
  /** A concrete public path of the API the rewrite headers point at (default: the stage root). */
  publicPath?: string;
}

const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'];
const REWRITE_HEADERS = ['x-original-url', 'x-rewrite-url', 'x-original-uri', 'x-forwarded-path', 'x-forwarded-uri'];

/** `path` is the encoded concrete path without query, e.g. /pets/abc123. */
export function pathVariants(method: string, path: string, options: VariantOptions): PathVariant[] {
  const segments = path.split('/').slice(1);
  const variants: PathVariant[] = [];
  const add = (label: string, variantPath: string, m = method, headers: Record<string, string> = {}): void => {
    if (variantPath === path && m === method && Object.keys(headers).length === 0) return;
    if (variants.some((v) => v.path === variantPath && v.method === m && JSON.stringify(v.headers) === JSON.stringify(headers))) return;
    variants.push({ label, method: m, path: variantPath, headers });
  };

  if (path !== '/') add('trailing slash', `${path}/`);
  add('upper case', path.toUpperCase());
  const first = segments[0] ?? '';
  const letter = first.search(/[a-z]/);
  if (letter >= 0) {
    add('mixed case', `/${first.slice(0, letter)}${first[letter]!.toUpperCase()}${first.slice(letter + 1)}${rest(segments)}`);
    add('percent-encoded letter', `/${first.slice(0, letter)}%${first.charCodeAt(letter).toString(16)}${first.slice(letter + 1)}${rest(segments)}`);
  }
  add('leading double slash', `/${path}`);
  if (segments.length > 1) {
    add('inner double slash', `/${first}/${rest(segments)}`);
    add('encoded slash', `/${first}%2F${segments.slice(1).join('/')}`);
  }
  add('dot segment', `/.${path}`);
  add('dot-dot segment', `/gateproof/..${path}`);

  const carrier = method === 'POST' ? 'GET' : 'POST';
  add('method override headers', path, carrier, Object.fromEntries(OVERRIDE_HEADERS.map((h) => [h, method])));
  const target = `${options.stagePrefix}${options.publicPath ?? '/'}`;
  add('original-URL headers', path, method, Object.fromEntries(REWRITE_HEADERS.map((h) => [h, target])));
  return variants;
}

const rest = (segments: string[]): string => (segments.length > 1 ? `/${segments.slice(1).join('/')}` : '');

/**
 * Whether a raw path reaches a route template once a lenient server normalizes it (decodes escapes, drops
 * empty and `.` segments, resolves `..`, ignores a trailing slash). Used to leave out variants that are
 * legitimately another, public route.
 */
export function matchesTemplate(template: string, rawPath: string): boolean {
  const actual = normalizeSegments(rawPath);
  const wanted = template.split('/').filter((s) => s !== '');
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i]!;
    if (/^\{[^}]+\+\}$/.test(w)) return actual.length > i;
    if (i >= actual.length) return false;
    if (!/^\{[^}]+\}$/.test(w) && w !== actual[i]) return false;
  }
  return actual.length === wanted.length;
}

function normalizeSegments(rawPath: string): string[] {
  const out: string[] = [];
  for (const raw of rawPath.split('?')[0]!.split('/')) {
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // keep the raw segment: an invalid escape is routed literally, if at all
    }
    for (const s of decoded.split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..') out.pop();
      else out.push(s);
    }
  }
  return out;
}
