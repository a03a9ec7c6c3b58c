import type { StageConfig } from '../../config/load.ts';
import type { Authorizer, Operation, SecurityRequirementItem, SecurityScheme } from '../../openapi/model.ts';
import { identitySources, jwtVerifier, readSource, type AuthInput } from '../authorizers.ts';
import { decodeJson, tokenScopes, type JwtFailure, type JwtFaults, type JwtVerifier } from '../jwt.ts';
import { HTTP_ERRORS, type HttpError } from './responses.ts';

/**
 * The authorizer of an HTTP API route (a route has at most one), evaluated locally:
 * - JWT (type jwt, or a bearer / OAuth2 / OpenID Connect scheme): no token -> 401 with `www-authenticate: Bearer`;
 *   a token that fails decoding, its RSA signature (HTTP APIs verify RSA only), iss, aud, exp or nbf -> 401 with
 *   `Bearer scope="" error="invalid_token" error_description="..."`; a token with none of the route's scopes ->
 *   403 Forbidden with `error="insufficient_scope"`. Documented: the audience wording; observed on AWS: the
 *   segment and signing-method wordings and the scope answer; the other descriptions follow their style.
 * - Lambda (type request): an identity source missing -> 401 Unauthorized; payload 2.0 simple responses: the
 *   function's isAuthorized false -> 403 Forbidden; IAM-policy responses: Deny -> 403, a token the function does
 *   not know -> 401 (it raises Unauthorized). The function is the stage's `credentials.lambda` allow/deny lists.
 * - IAM: an unsigned request -> 403 Forbidden.
 * API keys and basic auth do not exist on HTTP APIs: such schemes protect nothing (`gateproof plan` says so).
 */

export type HttpAuthCheck = (input: AuthInput) => HttpError | undefined;

const ALLOW: HttpAuthCheck = () => undefined;
const RSA_ALG = /^RS(256|384|512)$/;

const DESCRIPTION: Record<Exclude<JwtFailure, 'alg'>, string> = {
  malformed: 'token is malformed',
  signature: 'the token signature is invalid',
  'no-key': 'the token signature is invalid',
  expired: 'the token has expired',
  'no-exp': 'the token has no expiration time',
  'not-yet-valid': 'the token is not valid yet',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
};

export class HttpAuthorizers {
  private readonly verifiers = new Map<string, JwtVerifier | undefined>();

  constructor(
    private readonly stage: StageConfig,
    private readonly faults: JwtFaults,
  ) {}

  compile(op: Operation): HttpAuthCheck {
    const item = (op.security[0] ?? []).find(enforced);
    if (!item) return ALLOW;
    const type = item.scheme.authorizer?.type;
    if (type === 'request' || type === 'token') return this.lambda(item.scheme, item.scheme.authorizer!);
    if (item.scheme.awsAuthType === 'awsSigv4') return sigv4;
    return this.jwt(item.scheme, item.scopes);
  }

  private jwt(scheme: SecurityScheme, scopes: string[]): HttpAuthCheck {
    const source = identitySources(scheme)[0]!;
    if (!this.verifiers.has(scheme.name)) this.verifiers.set(scheme.name, jwtVerifier(this.stage, scheme.authorizer, this.faults));
    const verifier = this.verifiers.get(scheme.name);
    return (input) => {
      const raw = readSource(source, input);
      if (!raw) return NO_TOKEN;
      const token = raw.replace(/^Bearer\s+/i, '');
      const unreadable = this.decodeProblem(token);
      if (unreadable) return invalidToken(unreadable);
      if (!verifier) return invalidToken(DESCRIPTION.signature);
      const result = verifier.verify(token);
      if (!result.ok) return invalidToken(result.reason === 'alg' ? signingMethod(token) : DESCRIPTION[result.reason]);
      if (scopes.length > 0 && !scopes.some((s) => tokenScopes(result.claims).has(s))) return insufficientScope(scopes);
      return undefined;
    };
  }

  /** What AWS refuses before looking at the signature: the segments, the JSON, an algorithm other than RSA. */
  private decodeProblem(token: string): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return 'token contains an invalid number of segments';
    const header = decodeJson(parts[0]!);
    if (!header || !decodeJson(parts[1]!)) return DESCRIPTION.malformed;
    const alg = String(header.alg);
    if (alg.toLowerCase() === 'none' && this.faults.jwtAlgNone) return undefined;
    return RSA_ALG.test(alg) ? undefined : signingMethod(token);
  }

  private lambda(scheme: SecurityScheme, authorizer: Authorizer): HttpAuthCheck {
    const sources = identitySources(scheme);
    const lambda = this.stage.credentials.lambda;
    const allow = new Set(lambda?.allow ?? []);
    const deny = new Set(lambda?.deny ?? []);
    const simple = authorizer.simpleResponses === true;
    return (input) => {
      const values = sources.map((s) => readSource(s, input));
      if (values.some((v) => !v)) return HTTP_ERRORS.unauthorized;
      const token = values[0]!;
      if (allow.has(token)) return undefined;
      return simple || deny.has(token) ? HTTP_ERRORS.forbidden : HTTP_ERRORS.unauthorized;
    };
  }
}

/** Schemes an HTTP API enforces: authorizers, IAM, and bearer-style schemes (read as JWT authorizers). */
function enforced({ scheme }: SecurityRequirementItem): boolean {
  if (scheme.authorizer || scheme.awsAuthType === 'awsSigv4') return true;
  if (scheme.type === 'http') return scheme.scheme !== 'basic';
  return scheme.type === 'oauth2' || scheme.type === 'openIdConnect';
}

const sigv4: HttpAuthCheck = (input) => (/^AWS4-HMAC-SHA256 /.test(String(input.headers.authorization ?? '')) ? undefined : HTTP_ERRORS.forbidden);

const NO_TOKEN: HttpError = { ...HTTP_ERRORS.unauthorized, headers: { 'www-authenticate': 'Bearer' } };

const invalidToken = (description: string): HttpError => ({
  ...HTTP_ERRORS.unauthorized,
  headers: { 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"` },
});

function insufficientScope(scopes: string[]): HttpError {
  const wanted = headerSafe(scopes.join(' '));
  return {
    ...HTTP_ERRORS.forbidden,
    headers: { 'www-authenticate': `Bearer scope="${wanted}" error="insufficient_scope" error_description="expected scopes: [${wanted}]"` },
  };
}

/** `signing method HS256 is invalid` (the alg comes from the token: made safe for a header value). */
function signingMethod(token: string): string {
  const alg = decodeJson(token.split('.')[0]!)?.alg;
  return `signing method ${headerSafe(String(alg)).slice(0, 32)} is invalid`;
}

const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]|"/g, '?');
