import type { StageConfig } from '../config/load.ts';
import type { CredentialKind, Operation, SecurityScheme } from '../openapi/model.ts';
import { credentialKind } from './classify.ts';
import type { RequestSigner } from '../domain/signing.ts';
import { stageSigner } from './sigv4.ts';
import { validToken } from './tokens.ts';

/** Where one credential goes on the wire. */
export interface CredentialSlot {
  kind: CredentialKind;
  in: 'header' | 'query' | 'cookie';
  name: string;
}

export interface PresentedCredentials {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Credential kinds the stage config cannot supply (the check should be skipped, saying which). */
  missing: CredentialKind[];
  /** SigV4 (iam): the request is signed where it is sent, since the signature covers the exact request. */
  sign?: RequestSigner;
}

/** What `replace` may swap in for a kind: a value for the header/query/cookie kinds, a signer for iam. */
export type CredentialReplacements = { [K in CredentialKind]?: K extends 'iam' ? RequestSigner : string };

/** The header (or query/cookie parameter) a scheme reads its credential from. */
export function slotOf(scheme: SecurityScheme): CredentialSlot {
  const kind = credentialKind(scheme);
  const source = scheme.authorizer?.identitySource?.split(',')[0]?.trim();
  const fromSource = source ? /(?:method\.request\.header\.|\$request\.header\.)(.+)$/.exec(source)?.[1] : undefined;
  if (fromSource) return { kind, in: 'header', name: fromSource.toLowerCase() };
  if (scheme.type === 'apiKey') return { kind, in: scheme.in, name: scheme.in === 'header' ? scheme.paramName.toLowerCase() : scheme.paramName };
  return { kind, in: 'header', name: 'authorization' };
}

/** The slots an operation needs, from its first security alternative (plus AWS's api-key-required flag). */
export function slotsFor(operation: Operation): CredentialSlot[] {
  const slots = (operation.security[0] ?? []).map((item) => slotOf(item.scheme));
  if (operation.apiKeyRequired && !slots.some((s) => s.kind === 'apiKey')) slots.push({ kind: 'apiKey', in: 'header', name: 'x-api-key' });
  return slots;
}

/** The raw credential value the stage config supplies for a kind (undefined when it has none). */
export async function credentialValue(kind: CredentialKind, stage: StageConfig, apiKeyName = 'default'): Promise<string | undefined> {
  const creds = stage.credentials;
  switch (kind) {
    case 'apiKey':
      return creds.apiKeys[apiKeyName] ?? (apiKeyName === 'default' ? Object.values(creds.apiKeys)[0] : undefined);
    case 'jwt':
      if (creds.jwt) return `Bearer ${await validToken(creds.jwt)}`;
      return creds.bearer ? `Bearer ${creds.bearer.token}` : undefined;
    case 'lambda':
      return creds.lambda?.token ?? creds.lambda?.allow[0];
    case 'basic':
      return creds.basic ? `Basic ${Buffer.from(`${creds.basic.username}:${creds.basic.password}`).toString('base64')}` : undefined;
    default:
      return undefined;
  }
}

/**
 * Valid credentials for an operation on a stage. `replace` swaps the value of one kind (a negative token,
 * another stage's key); `omit` leaves kinds out. Everything else stays valid, so a rejection can only come
 * from the credential under test.
 */
export async function presentCredentials(
  operation: Operation,
  stage: StageConfig,
  options: { omit?: CredentialKind[]; replace?: CredentialReplacements; apiKeyName?: string } = {},
): Promise<PresentedCredentials> {
  const out: PresentedCredentials = { headers: {}, query: {}, missing: [] };
  for (const slot of slotsFor(operation)) {
    if (options.omit?.includes(slot.kind)) continue;
    if (slot.kind === 'iam') {
      const sign = options.replace?.iam ?? stageSigner(stage);
      if (sign) out.sign = sign;
      else out.missing.push('iam');
      continue;
    }
    const value = options.replace?.[slot.kind] ?? (await credentialValue(slot.kind, stage, options.apiKeyName));
    if (value === undefined) {
      out.missing.push(slot.kind);
      continue;
    }
    if (slot.in === 'query') out.query[slot.name] = value;
    else if (slot.in === 'cookie') out.headers.cookie = [out.headers.cookie, `${slot.name}=${value}`].filter(Boolean).join('; ');
    else out.headers[slot.name] = value;
  }
  return out;
}
