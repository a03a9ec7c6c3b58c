import { credentialKind } from '../auth/classify.ts';
import type { GatewayModel, SecurityScheme } from '../openapi/model.ts';

/** What credentials the spec's secured operations need, with what the spec says about them. */
export interface CredentialNeeds {
  apiKey: boolean;
  /** JWT authorizers: issuer/audience from the spec when it names them; `token` when gateproof cannot sign (Cognito). */
  jwt?: { issuer?: string; audience?: string; mode: 'secret' | 'token'; scopes: string[] };
  /** Opaque bearer tokens (OAuth2 / OpenID Connect, http bearer without a JWT format): a ready token per stage. */
  bearer: boolean;
  lambda: boolean;
  basic: boolean;
  /** SigV4 (IAM) routes. */
  iam: boolean;
}

/** Reads the needs from the schemes that operations actually use (first alternative, as the gate does). Pure. */
export function credentialNeeds(model: GatewayModel): CredentialNeeds {
  const needs: CredentialNeeds = { apiKey: false, bearer: false, lambda: false, basic: false, iam: false };
  const used = new Map<string, { scheme: SecurityScheme; scopes: Set<string> }>();
  for (const op of model.operations) {
    if (op.apiKeyRequired) needs.apiKey = true;
    for (const item of op.security[0] ?? []) {
      const entry = used.get(item.scheme.name) ?? { scheme: item.scheme, scopes: new Set<string>() };
      item.scopes.forEach((s) => entry.scopes.add(s));
      used.set(item.scheme.name, entry);
    }
  }
  for (const { scheme, scopes } of used.values()) {
    const kind = credentialKind(scheme);
    if (kind === 'apiKey') needs.apiKey = true;
    else if (kind === 'lambda') needs.lambda = true;
    else if (kind === 'basic') needs.basic = true;
    else if (kind === 'iam') needs.iam = true;
    else if (kind === 'jwt' && isOpaque(scheme)) needs.bearer = true;
    else if (kind === 'jwt') {
      const authorizer = scheme.authorizer;
      const previous = needs.jwt;
      needs.jwt = {
        issuer: previous?.issuer ?? authorizer?.issuer,
        audience: previous?.audience ?? authorizer?.audience[0],
        // Cognito and HTTP API JWT authorizers trust the identity provider's keys: the gate can only present a ready token.
        mode:
          previous?.mode === 'secret' || !(authorizer?.type === 'cognito_user_pools' || (model.awsHttpApi && authorizer?.type === 'jwt')) ? 'secret' : 'token',
        scopes: [...new Set([...(previous?.scopes ?? []), ...scopes])].sort(),
      };
    }
  }
  return needs;
}

/**
 * A bearer scheme whose tokens gateproof cannot mint: no AWS authorizer naming an issuer to sign for, and not
 * declared as a JWT (http bearer without `bearerFormat: JWT`, OAuth2, OpenID Connect).
 */
const isOpaque = (scheme: SecurityScheme): boolean => !scheme.authorizer && !(scheme.type === 'http' && /jwt/i.test(scheme.bearerFormat ?? ''));
