import { SignJWT, importPKCS8, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import type { StageConfig } from '../config/load.ts';
import { registerSecret } from '../secrets/redact.ts';

export type JwtSettings = NonNullable<StageConfig['credentials']['jwt']>;
export type NegativeToken = 'malformed' | 'expired' | 'wrong-audience' | 'wrong-issuer' | 'bad-signature' | 'alg-none';

/** A token no authorizer can accept: not a JWT, and no opaque token anyone issues. */
export const MALFORMED_TOKEN = 'gateproof.not-a-jwt';
const WRONG_AUDIENCE = 'gateproof-wrong-audience';
const WRONG_ISSUER = 'https://gateproof.invalid/wrong-issuer/';
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Whether tokens can be signed (negative tokens other than bad-signature/alg-none/malformed need it). */
const canSign = (jwt: JwtSettings): boolean => jwt.secret !== undefined || jwt.privateKey !== undefined;

function claims(jwt: JwtSettings, now: number): JWTPayload {
  const audience = Array.isArray(jwt.audience) ? jwt.audience : [jwt.audience];
  return {
    ...jwt.claims,
    iss: jwt.issuer,
    aud: audience.length === 1 ? audience[0] : audience,
    sub: jwt.subject,
    ...(jwt.scopes.length ? { scope: jwt.scopes.join(' ') } : {}),
    iat: now,
    nbf: now - 5,
    exp: now + jwt.ttlSeconds,
  };
}

async function sign(jwt: JwtSettings, payload: JWTPayload, key?: Uint8Array): Promise<string> {
  const header = { alg: jwt.alg, typ: 'JWT', ...(jwt.kid ? { kid: jwt.kid } : {}) };
  const signingKey = key ?? (jwt.secret !== undefined ? new TextEncoder().encode(jwt.secret) : await importPKCS8(jwt.privateKey!, jwt.alg));
  return new SignJWT(payload).setProtectedHeader(key ? { ...header, alg: 'HS256' } : header).sign(signingKey);
}

/** Minted tokens are reused for half their lifetime: fewer secrets to register, identical requests. */
const minted = new WeakMap<JwtSettings, { token: string; renewAt: number }>();

/** A token the stage's authorizer should accept: minted from signing material, or the configured ready token. */
export async function validToken(jwt: JwtSettings): Promise<string> {
  if (!canSign(jwt)) {
    registerSecret(jwt.token);
    return jwt.token!;
  }
  const cached = minted.get(jwt);
  if (cached && Date.now() < cached.renewAt) return cached.token;
  const token = await sign(jwt, claims(jwt, Math.floor(Date.now() / 1000)));
  registerSecret(token);
  minted.set(jwt, { token, renewAt: Date.now() + (jwt.ttlSeconds * 1000) / 2 });
  return token;
}

/**
 * Tokens an authorizer must reject, each wrong in exactly one way. Claim-level defects (expired, audience,
 * issuer) need the real signing material; without it they are undefined (the check is skipped, not faked).
 */
export async function negativeToken(jwt: JwtSettings, kind: NegativeToken): Promise<string | undefined> {
  const now = Math.floor(Date.now() / 1000);
  const good = claims(jwt, now);
  switch (kind) {
    case 'malformed':
      return MALFORMED_TOKEN;
    case 'alg-none':
      return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(good)}.`;
    case 'bad-signature': {
      const forged = await sign(jwt, good, randomBytes(32));
      if (!canSign(jwt)) return forged;
      const [header, payload] = (await validToken(jwt)).split('.');
      return `${header}.${payload}.${forged.split('.')[2]}`;
    }
    case 'expired':
      return canSign(jwt) ? sign(jwt, { ...good, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }) : undefined;
    case 'wrong-audience':
      return canSign(jwt) ? sign(jwt, { ...good, aud: WRONG_AUDIENCE }) : undefined;
    case 'wrong-issuer':
      return canSign(jwt) ? sign(jwt, { ...good, iss: WRONG_ISSUER }) : undefined;
  }
}
