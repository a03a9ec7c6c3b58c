import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { FaultSet } from './faults.ts';

/** JWT / Cognito authorizer verification, synchronous (node:crypto), with the jwt-* faults. */

export type JwtFailure = 'malformed' | 'alg' | 'signature' | 'expired' | 'no-exp' | 'not-yet-valid' | 'issuer' | 'audience' | 'no-key';
export type JwtResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: JwtFailure };

export interface JwtVerifierOptions {
  alg: string;
  secret?: string;
  /** PKCS#8 PEM private key: the public half verifies RS256 / ES256 signatures. */
  privateKey?: string;
  /** A ready-made token accepted as is (signature not checked) when no signing material is configured. */
  token?: string;
  issuer?: string;
  audience: string[];
}

export type JwtFaults = Pick<FaultSet, 'jwtNoExp' | 'jwtNoAud' | 'jwtAlgNone'>;
const NBF_LEEWAY_S = 5;
const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512', RS256: 'sha256', ES256: 'sha256' };

export class JwtVerifier {
  private readonly publicKey?: KeyObject;
  private readonly secret?: Buffer;

  constructor(
    private readonly options: JwtVerifierOptions,
    private readonly faults: JwtFaults,
  ) {
    if (options.secret !== undefined) this.secret = Buffer.from(options.secret);
    if (options.privateKey !== undefined) this.publicKey = createPublicKey(options.privateKey);
  }

  verify(token: string, nowSeconds = Date.now() / 1000): JwtResult {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [h, p, s] = parts as [string, string, string];
    const header = decodeJson(h);
    const claims = decodeJson(p);
    if (!header || !claims) return { ok: false, reason: 'malformed' };
    const alg = typeof header.alg === 'string' ? header.alg : '';
    if (alg.toLowerCase() === 'none') {
      if (!this.faults.jwtAlgNone) return { ok: false, reason: 'alg' };
    } else if (this.options.token !== undefined && this.secret === undefined && this.publicKey === undefined) {
      if (token !== this.options.token) return { ok: false, reason: 'signature' };
    } else {
      if (alg !== this.options.alg) return { ok: false, reason: 'alg' };
      const signed = this.checkSignature(alg, `${h}.${p}`, s);
      if (signed !== true) return { ok: false, reason: signed };
    }
    return this.checkClaims(claims, nowSeconds);
  }

  private checkSignature(alg: string, data: string, signature: string): true | JwtFailure {
    const sig = Buffer.from(signature, 'base64url');
    const hash = HASH[alg];
    if (!hash) return 'alg';
    if (alg.startsWith('HS')) {
      if (!this.secret) return 'no-key';
      const expected = createHmac(hash, this.secret).update(data).digest();
      return expected.length === sig.length && timingSafeEqual(expected, sig) ? true : 'signature';
    }
    if (!this.publicKey) return 'no-key';
    try {
      const key = alg.startsWith('ES') ? { key: this.publicKey, dsaEncoding: 'ieee-p1363' as const } : this.publicKey;
      return verifySignature(hash, Buffer.from(data), key, sig) ? true : 'signature';
    } catch {
      return 'signature';
    }
  }

  private checkClaims(claims: Record<string, unknown>, now: number): JwtResult {
    const { exp, nbf, iss } = claims;
    if (!this.faults.jwtNoExp) {
      if (typeof exp !== 'number') return { ok: false, reason: 'no-exp' };
      if (now >= exp) return { ok: false, reason: 'expired' };
    }
    if (typeof nbf === 'number' && now + NBF_LEEWAY_S < nbf) return { ok: false, reason: 'not-yet-valid' };
    if (this.options.issuer !== undefined && iss !== this.options.issuer) return { ok: false, reason: 'issuer' };
    if (!this.faults.jwtNoAud && this.options.audience.length > 0) {
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud, claims.client_id];
      if (!aud.some((a) => typeof a === 'string' && this.options.audience.includes(a))) return { ok: false, reason: 'audience' };
    }
    return { ok: true, claims };
  }
}

/** One base64url JSON part of a token (header or claims); undefined when it is not a JSON object. */
export function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Scopes a token grants: OAuth `scope` (space separated) or Azure/Okta-style `scp` (array or string). */
export function tokenScopes(claims: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const raw of [claims.scope, claims.scp]) {
    if (typeof raw === 'string') for (const s of raw.split(/\s+/)) if (s) out.add(s);
    if (Array.isArray(raw)) for (const s of raw) if (typeof s === 'string') out.add(s);
  }
  return out;
}
