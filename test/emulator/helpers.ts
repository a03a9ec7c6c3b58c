import { SignJWT, type JWTPayload } from 'jose';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig, type GateproofConfig } from '../../src/config/load.ts';
import type { GateproofConfigInput } from '../../src/config/schema.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { send, type HttpResponse } from '../../src/http/client.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel } from '../../src/openapi/model.ts';
import { normalizeSpec } from '../../src/openapi/normalize.ts';

export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/gateproof.config.ts', import.meta.url));

export interface Example {
  config: GateproofConfig;
  model: GatewayModel;
}

let example: Promise<Example> | undefined;
/** The examples/ config (placeholder credentials from .env.example) and its spec, loaded once per file. */
export function loadExample(): Promise<Example> {
  example ??= (async () => {
    const config = await loadConfig(EXAMPLE_CONFIG, { envFiles: ['.env', '.env.example'] });
    return { config, model: await loadSpec(config.specLocation) };
  })();
  return example;
}

export async function exampleGateway(faults: string[] = []): Promise<LocalGateway & Example> {
  const ex = await loadExample();
  const gw = await startLocalGateway({ ...ex, faults });
  return Object.assign(gw, ex);
}

/** A small inline config (virtual path) with its environment. */
export function inlineConfig(
  raw: Partial<GateproofConfigInput> & Pick<GateproofConfigInput, 'stages'>,
  environment: Record<string, string> = {},
): GateproofConfig {
  return parseConfig({ spec: './openapi.yaml', ...raw }, '/virtual/gateproof.config.ts', { environment });
}

/** A spec object (OpenAPI 3) normalized without touching the disk. */
export const inlineModel = (doc: Record<string, unknown>): GatewayModel =>
  normalizeSpec({ openapi: '3.0.1', info: { title: 'inline', version: '1' }, ...doc }, '/virtual/openapi.yaml');

export function request(gw: { url: string }, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
  return send({ method, origin: gw.url, path, headers, body });
}

export const ISSUER = 'https://auth.petstore.example/';
export const AUDIENCE = 'petstore-api';

/** An HS256 token for a stage's JWT config; claims and times can be overridden (seconds). */
export async function mintToken(
  secret: string,
  options: { claims?: JWTPayload; iss?: string | null; aud?: string | string[] | null; exp?: number | null; nbf?: number; alg?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ scope: 'pets/write pets/admin orders/write orders/read admin', ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuedAt(now)
    .setSubject('gateproof');
  if (options.iss !== null) jwt.setIssuer(options.iss ?? ISSUER);
  if (options.aud !== null) jwt.setAudience(options.aud ?? AUDIENCE);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now + 300);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(Buffer.from(secret));
}

/** An unsigned (alg none) token with the given claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

export const validClaims = (): Record<string, unknown> => ({
  iss: ISSUER,
  aud: AUDIENCE,
  exp: Math.floor(Date.now() / 1000) + 300,
  scope: 'pets/write pets/admin orders/write orders/read admin',
});

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends `n` requests concurrently and returns their statuses. */
export async function burst(n: number, fn: () => Promise<HttpResponse>): Promise<number[]> {
  return (await Promise.all(Array.from({ length: n }, fn))).map((r) => r.status);
}

export const count = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;

export function echoOf(r: HttpResponse): { backend: string; method: string; path: string; query: Record<string, string> } | undefined {
  const v = r.headers['x-gateproof-echo'];
  return v ? JSON.parse(v) : undefined;
}
