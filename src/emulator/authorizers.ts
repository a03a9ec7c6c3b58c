import type { IncomingHttpHeaders } from 'node:http';
import type { StageConfig } from '../config/load.ts';
import type { Authorizer, Operation, SecurityRequirementItem, SecurityScheme } from '../openapi/model.ts';
import type { FaultSet } from './faults.ts';
import { JwtVerifier, tokenScopes, type JwtFaults } from './jwt.ts';
import { ERRORS, type ErrorDef } from './responses.ts';
import { verifySigv4, type ReceivedRequest, type Refusal, type Sigv4Realm } from './sigv4.ts';

/**
 * The authorizers of one stage, evaluated locally: JWT / Cognito (signature, exp/nbf, iss, aud, scopes),
 * Lambda token/request authorizers from `credentials.lambda` (allow / explicit deny / unauthorized),
 * HTTP basic from `credentials.basic`, SigV4 (AWS_IAM) against `credentials.sigv4`. Security alternatives are ORed, items ANDed; the
 * answer of a failed check is the first alternative's first failure (AWS evaluates the method's one authorizer).
 */

export interface AuthInput {
  headers: IncomingHttpHeaders;
  query: () => Record<string, string>;
  /** The request as received (SigV4 signs the exact request). */
  received: () => ReceivedRequest;
}
/** A gateway error, or a Refusal with its own message (SigV4 answers name dates and canonical strings). */
export type Denial = ErrorDef | Refusal;
/** undefined = allowed. */
export type AuthCheck = (input: AuthInput) => Denial | undefined;

type Faults = JwtFaults & Pick<FaultSet, 'sigv4Any'>;
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
      let first: Denial | undefined;
      for (const checks of alternatives) {
        let failure: Denial | undefined;
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
    if (scheme.awsAuthType === 'awsSigv4') return this.sigv4();
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
    if (!this.verifiers.has(scheme.name)) this.verifiers.set(scheme.name, jwtVerifier(this.stage, scheme.authorizer, this.faults));
    return this.verifiers.get(scheme.name);
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

  /** sigv4-any: the old presence check, any AWS4-HMAC-SHA256 header passes unverified. */
  private sigv4(): AuthCheck {
    if (this.faults.sigv4Any) return (input) => (/^AWS4-HMAC-SHA256 /.test(String(input.headers.authorization ?? '')) ? undefined : ERRORS.missingAuthToken);
    const realm = sigv4Realm(this.stage);
    return (input) => verifySigv4(input.received(), realm);
  }

  private basic(): AuthCheck {
    const basic = this.stage.credentials.basic;
    const expected = basic ? `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}` : undefined;
    return (input) => (expected !== undefined && input.headers.authorization === expected ? undefined : ERRORS.unauthorized);
  }
}

/** The principal a stage trusts: its credentials.sigv4 (none: every signed request is from an unknown key). */
function sigv4Realm(stage: StageConfig): Sigv4Realm {
  const own = stage.credentials.sigv4;
  return { keys: new Map(own ? [[own.accessKeyId, own]] : []), region: own?.region, service: own?.service ?? 'execute-api' };
}

/**
 * The stage's JWT verifier for an authorizer: the stage's signing material, the authorizer's issuer and audience
 * (jwtConfiguration) or else the config's; without credentials.jwt only the jwt-alg-none fault lets anything in.
 */
export function jwtVerifier(stage: StageConfig, authorizer: Authorizer | undefined, faults: JwtFaults): JwtVerifier | undefined {
  const jwt = stage.credentials.jwt;
  if (!jwt) return faults.jwtAlgNone ? new JwtVerifier({ alg: 'none', audience: authorizer?.audience ?? [], issuer: authorizer?.issuer }, faults) : undefined;
  const configAudience = Array.isArray(jwt.audience) ? jwt.audience : [jwt.audience];
  return new JwtVerifier(
    {
      alg: jwt.alg,
      secret: jwt.secret,
      privateKey: jwt.privateKey,
      token: jwt.token,
      issuer: authorizer?.issuer ?? jwt.issuer,
      audience: authorizer?.audience.length ? authorizer.audience : configAudience,
    },
    faults,
  );
}

export interface Source {
  in: 'header' | 'query';
  name: string;
}

/** identitySource (`method.request.header.X`, `$request.header.X`, querystring forms, comma lists) or the scheme's header. */
export function identitySources(scheme: SecurityScheme): Source[] {
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
