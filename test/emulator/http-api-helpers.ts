import { SignJWT, importPKCS8, type JWTPayload } from 'jose';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { Example } from './helpers.ts';

/** The HTTP API example (examples/http-api) for the local gateway's HTTP-API mode. */

export const HTTP_EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/http-api/gateproof.config.ts', import.meta.url));
const HTTP_ISSUER = 'https://auth.petstore.example/';
const HTTP_AUDIENCE = 'adoption-api';

let example: Promise<Example> | undefined;
/** The HTTP example's config (placeholder credentials from its .env.example) and spec, loaded once per file. */
export function loadHttpExample(): Promise<Example> {
  example ??= (async () => {
    const config = await loadConfig(HTTP_EXAMPLE_CONFIG, { envFiles: ['.env', '.env.example'] });
    return { config, model: await loadSpec(config.specLocation) };
  })();
  return example;
}

export async function httpExampleGateway(faults: string[] = []): Promise<LocalGateway & Example> {
  const ex = await loadHttpExample();
  return Object.assign(await startLocalGateway({ ...ex, faults }), ex);
}

/**
 * An RS256 token signed with a stage's key (examples/http-api/.env.example); claims and times can be overridden
 * (seconds; null leaves a claim out). By default it carries every scope of the example.
 */
export async function mintRs256(
  privateKey: string,
  options: { claims?: JWTPayload; iss?: string | null; aud?: string | null; exp?: number | null; alg?: 'RS256' } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ scope: 'pets/read pets/write pets/admin adoptions/read adoptions/write files/read admin', ...options.claims })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuedAt(now)
    .setSubject('gateproof');
  if (options.iss !== null) jwt.setIssuer(options.iss ?? HTTP_ISSUER);
  if (options.aud !== null) jwt.setAudience(options.aud ?? HTTP_AUDIENCE);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now + 300);
  return jwt.sign(await importPKCS8(privateKey, 'RS256'));
}

export const devKey = (ex: Example): string => ex.config.stages.dev!.credentials.jwt!.privateKey!;
export const prodKey = (ex: Example): string => ex.config.stages.prod!.credentials.jwt!.privateKey!;

/** apigw-requestid as AWS sends it, e.g. "Mc7UVioPPHcEKPA=". */
export const APIGW_REQUEST_ID = /^[A-Za-z0-9+/]{15}=$/;
