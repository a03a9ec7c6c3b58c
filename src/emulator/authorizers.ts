import type { IncomingHttpHeaders } from 'node:http';
import type { StageConfig } from '../config/load.ts';
import type { Authorizer, Operation, SecurityRequirementItem, SecurityScheme } from '../openapi/model.ts';
import type { FaultSet } from './faults.ts';
import { JwtVerifier, tokenScopes } from './jwt.ts';
import { ERRORS, type ErrorDef } from './responses.ts';

/**
 * The authorizers of one stage, evaluated locally: JWT / Cognito (signature, exp/nbf, iss, aud, scopes),
 * Lambda token/request authorizers from `credentials.lambda` (allow / explicit deny / unauthorized),
 * HTTP basic from `credentials.basic`, SigV4 presence. Security alternatives are ORed, items ANDed; the
 * answer of a failed check is the first alternative's first failure (AWS evaluates the method's one authorizer).
 */

export interface AuthInput {
  headers: IncomingHttpHeaders;
  query: () => Record<string, string>;
}
/** undefined = allowed. */
export type AuthCheck = (input: AuthInput) => ErrorDef | undefined;

type Faults = Pick<FaultSet, 'jwtNoExp' | 'jwtNoAud' | 'jwtAlgNone'>;
const ALLOW: AuthCheck = () => undefined;

export class StageAuthorizers {
  private readonly verifiers = new Map<string, JwtVerifier | undefined>();

  constructor(
    private readonly stage: StageConfig,
    private readonly faults: Faults,
  ) {}

  /** The authorization check of an operation (API keys are checked separately, after it, like AWS). */
  compile(op: Operation): AuthCheck {
    if (op.security.length === 0) return ALLOW;
    const alternatives = op.security.map((requirement) => requirement.map((item) => this.item(item)));
    return (input) => {
      let first: ErrorDef | undefined;
      for (const checks of alternatives) {
        let failure: ErrorDef | undefined;
        for (const check of checks) if ((failure = check(input))) break;
        if (!failure) return undefined;
        first ??= failure;
      }
      return first;
    };
  }

  private item({ scheme, scopes }: SecurityRequirementItem): AuthCheck {
    const type = scheme.authorizer?.type;
    if (type === 'jwt' || type === 'cognito_user_pools') return this.jwt(scheme, scopes);
    if (type === 'token' || type === 'request') return this.lambda(scheme, scheme.authorizer!);
    if (scheme.awsAuthType === 'awsSigv4') return sigv4;
    if (scheme.type === 'apiKey') return ALLOW;
    if (scheme.type === 'http' && scheme.scheme === 'basic') return this.basic();
    return this.jwt(scheme, scopes);
  }

  private jwt(scheme: SecurityScheme, scopes: string[]): AuthCheck {
    const sources = identitySources(scheme);
    const opaque = this.stage.credentials.jwt ? undefined : this.stage.credentials.bearer?.token;
    // An opaque token (credentials.bearer) is valid as issued: the token the stage names, nothing else.
    if (opaque !== undefined) return (input) => (readSource(sources[0]!, input)?.replace(/^Bearer\s+/i, '') === opaque ? undefined : ERRORS.unauthorized);
    const verifier = this.verifier(scheme);
    const cognito = scheme.authorizer?.type === 'cognito_user_pools';
    return (input) => {
      const raw = readSource(sources[0]!, input);
      if (!raw || !verifier) return ERRORS.unauthorized;
      const result = verifier.verify(raw.replace(/^Bearer\s+/i, ''));
      if (!result.ok) return result.reason === 'expired' && cognito ? ERRORS.tokenExpired : ERRORS.unauthorized;
      if (scopes.length > 0) {
        const granted = tokenScopes(result.claims);
        if (!scopes.some((s) => granted.has(s))) return ERRORS.insufficientScope;
      }
      return undefined;
    };
  }

  private verifier(scheme: SecurityScheme): JwtVerifier | undefined {
    if (this.verifiers.has(scheme.name)) return this.verifiers.get(scheme.name);
    const jwt = this.stage.credentials.jwt;
    const authorizer = scheme.authorizer;
    const configAudience = jwt ? (Array.isArray(jwt.audience) ? jwt.audience : [jwt.audience]) : [];
    const verifier = jwt
      ? new JwtVerifier(
          {
            alg: jwt.alg,
            secret: jwt.secret,
            privateKey: jwt.privateKey,
            token: jwt.token,
            issuer: authorizer?.issuer ?? jwt.issuer,
            audience: authorizer?.audience.length ? authorizer.audience : configAudience,
          },
          this.faults,
        )
      : this.faults.jwtAlgNone
        ? new JwtVerifier({ alg: 'none', audience: authorizer?.audience ?? [], issuer: authorizer?.issuer }, this.faults)
        : undefined;
    this.verifiers.set(scheme.name, verifier);
    return verifier;
  }

  private lambda(scheme: SecurityScheme, authorizer: Authorizer): AuthCheck {
    const sources = identitySources(scheme);
    const lambda = this.stage.credentials.lambda;
    const allow = new Set(lambda?.allow ?? []);
    const deny = new Set(lambda?.deny ?? []);
    const all = authorizer.type === 'request';
    return (input) => {
      const values = (all ? sources : sources.slice(0, 1)).map((s) => readSource(s, input));
      if (values.some((v) => !v)) return ERRORS.unauthorized;
      const token = values[0]!;
      if (deny.has(token)) return ERRORS.explicitDeny;
      return allow.has(token) ? undefined : ERRORS.unauthorized;
    };
  }

  private basic(): AuthCheck {
    const basic = this.stage.credentials.basic;
    const expected = basic ? `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}` : undefined;
    return (input) => (expected !== undefined && input.headers.authorization === expected ? undefined : ERRORS.unauthorized);
  }
}

const sigv4: AuthCheck = (input) => (/^AWS4-HMAC-SHA256 /.test(String(input.headers.authorization ?? '')) ? undefined : ERRORS.missingAuthToken);

export interface Source {
  in: 'header' | 'query';
  name: string;
}

/** identitySource (`method.request.header.X`, `$request.header.X`, querystring forms, comma lists) or the scheme's header. */
function identitySources(scheme: SecurityScheme): Source[] {
  const out: Source[] = [];
  for (const part of (scheme.authorizer?.identitySource ?? '').split(',')) {
    const m = /^(?:method\.request|\$request)\.(header|querystring)\.(.+)$/.exec(part.trim());
    if (m) out.push({ in: m[1] === 'header' ? 'header' : 'query', name: m[2]! });
  }
  if (out.length === 0) {
    out.push(scheme.type === 'apiKey' ? { in: scheme.in === 'query' ? 'query' : 'header', name: scheme.paramName } : { in: 'header', name: 'Authorization' });
  }
  return out;
}

export function readSource(source: Source, input: AuthInput): string | undefined {
  if (source.in === 'query') return input.query()[source.name] || undefined;
  const v = input.headers[source.name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) || undefined;
}
