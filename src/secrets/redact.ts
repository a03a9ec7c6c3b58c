/**
 * Every credential value the process learns (env-resolved config values, minted tokens) is registered here;
 * everything written to a report, log or console goes through `redact`.
 */
const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 4;
let pattern: RegExp | undefined;

export const REDACTED = '[REDACTED]';

export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return;
  secrets.add(value);
  // Also the encodings a value may travel in.
  secrets.add(encodeURIComponent(value));
  secrets.add(Buffer.from(value).toString('base64'));
  pattern = undefined;
}

export const knownSecrets = (): readonly string[] => [...secrets];

export function redact(text: string): string {
  if (secrets.size === 0 || text.length === 0) return text;
  pattern ??= new RegExp(
    [...secrets]
      .filter((s) => s.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return text.replace(pattern, REDACTED);
}

/** Deep-redacts every string in a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

/** Header names whose values are credentials whatever they hold. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: Record<string, string>, extraCredentialHeaders: Iterable<string> = []): Record<string, string> {
  const names = new Set([...CREDENTIAL_HEADERS, ...[...extraCredentialHeaders].map((h) => h.toLowerCase())]);
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, names.has(k.toLowerCase()) ? maskCredential(v) : redact(v)]));
}

/** Keeps the scheme word of an Authorization value ("Bearer [REDACTED]") so evidence stays readable. */
function maskCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Digest)\s+/i.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}
