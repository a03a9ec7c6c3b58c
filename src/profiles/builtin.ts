import type { ProfileName } from '../config/schema.ts';
import type { Expectation, Profile } from './profile.ts';

/**
 * The built-in profiles: each gateway's own answers per cause, with where each fact comes from. A rejection
 * is judged by its status family and the gateway's signature; the wordings below are what strict mode
 * requires and what the default mode compares against to warn about a different wording.
 */

/** One answer a gateway gives for a cause: its status, the wording of its JSON body, cause-specific headers. */
interface Answer {
  status: number;
  /** Regular expression source of the message (matched at the start of the value). */
  message?: string;
  /** The JSON key holding the message (AWS explicit deny: "Message"; Kong claim errors: the claim). */
  key?: string;
  headers?: Record<string, string>;
}

/** A cause's expectation from the answers a gateway gives for it: their statuses, any of their wordings. */
function expectation(...answers: Answer[]): Expectation {
  const statuses = [...new Set(answers.map((a) => a.status))];
  const worded = answers.filter((a) => a.message !== undefined);
  const body = worded.length ? `^\\{\\s*(?:${worded.map((a) => `"${a.key ?? 'message'}"\\s*:\\s*"(?:${a.message})`).join('|')})` : undefined;
  const headers: Record<string, string> = {};
  for (const name of new Set(answers.flatMap((a) => Object.keys(a.headers ?? {})))) {
    const values = answers.map((a) => a.headers?.[name]).filter((v): v is string => v !== undefined);
    headers[name] = `^(?:${values.join('|')})`;
  }
  return { statuses, ...(body ? { body } : {}), headers };
}

// ---------------------------------------------------------------------------------------------------------
// AWS API Gateway, REST APIs: one answer per gateway response type. Statuses and types: "Gateway response
// types for API Gateway" (docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
// Bodies come from the default template {"message":$context.error.messageString} and x-amzn-ErrorType names
// the exception (shared/reference/aws-api-gateway.md, "REST API (v1) default responses").
// ---------------------------------------------------------------------------------------------------------
const aws = (status: number, message: string, errorType: string, key?: string): Answer => ({
  status,
  message,
  key,
  headers: { 'x-amzn-errortype': errorType },
});
const REST = {
  UNAUTHORIZED: aws(401, 'Unauthorized"\\}$', 'UnauthorizedException'),
  /** A Cognito authorizer's answer to an expired token (observed, not documented). */
  COGNITO_EXPIRED: aws(401, 'The incoming token has expired"\\}$', 'UnauthorizedException'),
  /** Lambda authorizer explicit Deny: capital M; newer wordings append text, so the prefix is matched. */
  ACCESS_DENIED: aws(403, 'User is not authorized to access this resource', 'AccessDeniedException', 'Message'),
  /** Cognito scopes not granted (default ACCESS_DENIED wording for Cognito). */
  ACCESS_DENIED_SCOPE: aws(403, 'Forbidden"\\}$', 'ForbiddenException'),
  INVALID_API_KEY: aws(403, 'Forbidden"\\}$', 'ForbiddenException'),
  /** IAM: a signature that does not verify, or a signature past its 15-minute window. */
  INVALID_SIGNATURE: aws(403, '(?:The request signature we calculated does not match|Signature expired)', 'InvalidSignatureException'),
  EXPIRED_TOKEN: aws(403, 'The security token included in the request is expired', 'ExpiredTokenException'),
  /** IAM: an access key AWS does not know (another account's, another stage's deleted key). */
  UNRECOGNIZED_CLIENT: aws(403, 'The security token included in the request is invalid', 'UnrecognizedClientException'),
  /** Unknown path, undeclared method, or an IAM route called unsigned: AWS answers all three alike. */
  MISSING_AUTHENTICATION_TOKEN: aws(403, 'Missing Authentication Token"\\}$', 'MissingAuthenticationTokenException'),
  /** An unknown path with a non-SigV4 Authorization header (observed). */
  INCOMPLETE_SIGNATURE: aws(403, 'Invalid key=value pair \\(missing equal-sign\\) in Authorization header', 'IncompleteSignatureException'),
  THROTTLED: aws(429, 'Too Many Requests"\\}$', 'TooManyRequestsException'),
  QUOTA_EXCEEDED: aws(429, 'Limit Exceeded"\\}$', 'LimitExceededException'),
  BAD_REQUEST_BODY: aws(400, 'Invalid request body', 'BadRequestException'),
  BAD_REQUEST_PARAMETERS: aws(400, 'Missing required request parameters', 'BadRequestException'),
};

const awsRest: Profile = {
  name: 'aws-rest',
  rejections: {
    unauthenticated: expectation(REST.UNAUTHORIZED, REST.COGNITO_EXPIRED),
    forbidden: expectation(
      REST.ACCESS_DENIED,
      REST.ACCESS_DENIED_SCOPE,
      REST.INVALID_SIGNATURE,
      REST.EXPIRED_TOKEN,
      REST.UNRECOGNIZED_CLIENT,
      REST.INCOMPLETE_SIGNATURE,
    ),
    invalidKey: expectation(REST.INVALID_API_KEY),
    throttled: expectation(REST.THROTTLED),
    quota: expectation(REST.QUOTA_EXCEEDED),
    notFound: expectation(REST.MISSING_AUTHENTICATION_TOKEN),
    methodNotAllowed: expectation(REST.MISSING_AUTHENTICATION_TOKEN),
    badRequest: expectation(REST.BAD_REQUEST_BODY, REST.BAD_REQUEST_PARAMETERS),
  },
  // Every gateway-generated REST error carries x-amzn-ErrorType; every answer an x-amzn-RequestId (UUID).
  errorSignature: { 'x-amzn-errortype': '.+', 'x-amzn-requestid': '^[0-9a-f-]{36}$' },
  strict: false,
  leakHeaders: ['server', 'x-powered-by'],
  supportsApiKeys: true,
  knownGaps: {},
};

// ---------------------------------------------------------------------------------------------------------
// AWS API Gateway, HTTP APIs: no customisable gateway responses; the answers are fixed. JWT authorizer 401
// with www-authenticate ("Troubleshooting issues with HTTP API JWT authorizers",
// docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html); no route 404 Not
// Found; throttled 429; Lambda authorizer deny and IAM 403 Forbidden (shared/reference/aws-api-gateway.md, "HTTP API (v2)").
// ---------------------------------------------------------------------------------------------------------
const HTTP = {
  UNAUTHORIZED: { status: 401, message: 'Unauthorized"\\}$' },
  FORBIDDEN: { status: 403, message: 'Forbidden"\\}$' },
  NOT_FOUND: { status: 404, message: 'Not Found"\\}$' },
  THROTTLED: { status: 429, message: 'Too Many Requests"\\}$' },
} satisfies Record<string, Answer>;

const awsHttp: Profile = {
  name: 'aws-http',
  rejections: {
    unauthenticated: expectation(HTTP.UNAUTHORIZED),
    forbidden: expectation(HTTP.FORBIDDEN),
    // HTTP APIs have no API keys: a gateway in front of one that checks keys answers 401 or 403.
    invalidKey: expectation({ status: 401 }, { status: 403 }),
    throttled: expectation(HTTP.THROTTLED),
    quota: expectation({ status: 429 }),
    notFound: expectation(HTTP.NOT_FOUND),
    methodNotAllowed: expectation(HTTP.NOT_FOUND),
    badRequest: expectation({ status: 400 }),
  },
  errorSignature: { 'apigw-requestid': '.+' },
  strict: false,
  leakHeaders: ['server', 'x-powered-by'],
  supportsApiKeys: false,
  knownGaps: {},
};

// ---------------------------------------------------------------------------------------------------------
// Kong Gateway, per plugin, from its source (github.com/Kong/kong; file and commit named at each fact).
// Error bodies: kong.response.exit(status, { message = ... }) renders {"message":"..."}; kong.response.error
// renders the JSON template of kong/tools/http.lua, `{\n  "message":"...",\n  "request_id":"..."\n}` since
// 3.5 (6890007, "introduce unique Request ID"), so wordings are matched by their opening, spaces allowed.
// Before Kong 1.1, the auth plugins answered 403 where they answer 401 now (5000dcd, "correct status code for
// unauthorized requests", 2019): both are in the families.
// ---------------------------------------------------------------------------------------------------------
const kongAnswer = (status: number, message: string, key?: string): Answer => ({ status, message, key });
const KONG = {
  // kong/plugins/jwt/handler.lua (22246ef, do_authentication): no token, several tokens, undecodable token
  // (jwt_parser.lua: "invalid JSON", "invalid alg", ...), no key claim, unknown key claim, header `alg` not the
  // credential's, missing key/secret, bad signature.
  jwtUnauthorized: kongAnswer(401, 'Unauthorized"'),
  jwtMultiple: kongAnswer(401, 'Multiple tokens provided|Unrecognizable token'),
  jwtBadToken: kongAnswer(401, 'Bad token; '),
  jwtNoKeyClaim: kongAnswer(401, "(?:No mandatory|Invalid) '[^']*' in claims"),
  jwtUnknownKey: kongAnswer(401, "No credentials found for given '"),
  jwtAlgorithm: kongAnswer(401, 'Invalid algorithm'),
  jwtKeySecret: kongAnswer(401, 'Invalid key/secret'),
  jwtSignature: kongAnswer(401, 'Invalid signature'),
  // Before 1.1 (handler.lua before 5000dcd): the same three wordings with 403.
  jwtUnknownKeyLegacy: kongAnswer(403, "No credentials found for given '"),
  jwtAlgorithmLegacy: kongAnswer(403, 'Invalid algorithm'),
  jwtSignatureLegacy: kongAnswer(403, 'Invalid signature'),
  // Registered claims (claims_to_verify: exp, nbf): the claim is the key, kong/plugins/jwt/jwt_parser.lua
  // (registered_claims: "token expired", "token not valid yet"; a non-number: "must be a number"), and
  // maximum_expiration ("exceeds maximum allowed expiration").
  jwtExpired: kongAnswer(401, 'token expired', 'exp'),
  jwtNotYetValid: kongAnswer(401, 'token not valid yet', 'nbf'),
  jwtClaimType: kongAnswer(401, 'must be a number', '(?:exp|nbf)'),
  jwtMaximumExpiration: kongAnswer(401, 'exceeds maximum allowed expiration', 'exp'),
  // kong/plugins/key-auth/handler.lua (22246ef): no key 401 "No API key found in request"; unknown key 401
  // "Unauthorized" since 3.7 (60ea714), "Invalid authentication credentials" before, with 403 before 1.1.
  keyMissing: kongAnswer(401, 'No API key found in request'),
  keyInvalid: kongAnswer(401, 'Unauthorized"|Invalid authentication credentials'),
  keyInvalidLegacy: kongAnswer(403, 'Invalid authentication credentials'),
  keyDuplicate: kongAnswer(401, 'Duplicate API key found'),
  // kong/plugins/acl/handler.lua (22246ef): no authenticated consumer 401 (default message), consumer not in
  // an allowed group 403 "You cannot consume this service".
  aclNoConsumer: kongAnswer(401, 'Unauthorized"'),
  aclDenied: kongAnswer(403, 'You cannot consume this service'),
  // kong/plugins/rate-limiting/handler.lua + schema.lua (22246ef): error_code 429, error_message "API rate
  // limit exceeded" (both configurable); fixed windows from second to year.
  rateLimited: kongAnswer(429, 'API rate limit exceeded'),
  // kong/runloop/handler.lua (22246ef): no route matches (path, method, host...): 404.
  noRoute: kongAnswer(404, 'no Route matched with those values'),
};

const kong: Profile = {
  name: 'kong',
  rejections: {
    unauthenticated: expectation(
      KONG.jwtUnauthorized,
      KONG.jwtMultiple,
      KONG.jwtBadToken,
      KONG.jwtNoKeyClaim,
      KONG.jwtUnknownKey,
      KONG.jwtAlgorithm,
      KONG.jwtKeySecret,
      KONG.jwtSignature,
      KONG.jwtExpired,
      KONG.jwtNotYetValid,
      KONG.jwtClaimType,
      KONG.jwtMaximumExpiration,
      KONG.jwtUnknownKeyLegacy,
      KONG.jwtAlgorithmLegacy,
      KONG.jwtSignatureLegacy,
      KONG.keyMissing,
      KONG.aclNoConsumer,
    ),
    forbidden: expectation(KONG.aclDenied, KONG.aclNoConsumer),
    invalidKey: expectation(KONG.keyMissing, KONG.keyInvalid, KONG.keyInvalidLegacy, KONG.keyDuplicate),
    throttled: expectation(KONG.rateLimited),
    quota: expectation({ status: 429 }),
    notFound: expectation(KONG.noRoute),
    methodNotAllowed: expectation(KONG.noRoute),
    badRequest: expectation({ status: 400 }),
  },
  // kong/runloop/handler.lua (22246ef, header_filter): a response Kong produced itself carries
  // `Server: kong/<version>` (the `server_tokens` of kong.conf `headers`, on by default). A Kong run with
  // `headers = off` has no signature: override it with `profile: { base: 'kong', signature: {} }`.
  errorSignature: { server: '^kong/' },
  strict: false,
  // Kong passes the upstream's Server header through on proxied answers.
  leakHeaders: ['x-powered-by'],
  supportsApiKeys: true,
  knownGaps: {
    'auth.wrong-audience':
      "Kong's open-source jwt plugin does not check the `aud` claim at all (kong/plugins/jwt/jwt_parser.lua verifies only exp and nbf, the only values claims_to_verify takes): a token minted for another API is accepted. Enforce the audience elsewhere (a custom plugin, Kong Enterprise's openid-connect plugin, or the backend)",
  },
};

const generic: Profile = {
  name: 'generic',
  rejections: {
    unauthenticated: expectation({ status: 401 }, { status: 403 }),
    forbidden: expectation({ status: 401 }, { status: 403 }),
    invalidKey: expectation({ status: 401 }, { status: 403 }),
    throttled: expectation({ status: 429 }),
    quota: expectation({ status: 429 }),
    notFound: expectation({ status: 403 }, { status: 404 }),
    methodNotAllowed: expectation({ status: 403 }, { status: 404 }, { status: 405 }),
    badRequest: expectation({ status: 400 }, { status: 422 }),
  },
  errorSignature: {},
  strict: false,
  leakHeaders: ['x-powered-by'],
  supportsApiKeys: true,
  knownGaps: {},
};

export const builtinProfiles: Record<ProfileName, Profile> = { 'aws-rest': awsRest, 'aws-http': awsHttp, kong, generic };
