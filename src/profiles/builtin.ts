import type { ProfileName } from '../config/schema.ts';
import type { Expectation, Profile } from './profile.ts';

const json = (message: string, key = 'message'): string => `^\\{"${key}":\\s*"${message}`;
const exp = (statuses: number[], body?: string, headers: Record<string, string> = {}): Expectation => ({ statuses, body, headers });
const awsError = (type: string): Record<string, string> => ({ 'x-amzn-errortype': `^${type}` });

const awsRest: Profile = {
  name: 'aws-rest',
  rejections: {
    unauthenticated: exp([401], `${json('(Unauthorized|The incoming token has expired)')}"\\}$`),
    // A Lambda authorizer's explicit deny; on AWS_IAM routes a bad or stale signature, an unknown key or session
    // token, or a principal the resource policy does not allow.
    forbidden: exp(
      [403],
      `${json('User is not authorized to access this resource', 'Message')}|${json('(The request signature we calculated does not match|Signature expired|Signature not yet current|The security token included in the request is invalid|Credential should be scoped)')}|${json('User: \\S+ is not authorized to perform: execute-api:Invoke', '[Mm]essage')}`,
      awsError('(AccessDeniedException|InvalidSignatureException|UnrecognizedClientException)'),
    ),
    invalidKey: exp([403], `${json('Forbidden')}"\\}$`, awsError('ForbiddenException')),
    throttled: exp([429], `${json('Too Many Requests')}"\\}$`, awsError('TooManyRequestsException')),
    quota: exp([429], `${json('Limit Exceeded')}"\\}$`, awsError('LimitExceededException')),
    notFound: exp([403], `${json('Missing Authentication Token')}"\\}$`, awsError('MissingAuthenticationTokenException')),
    methodNotAllowed: exp([403], `${json('Missing Authentication Token')}"\\}$`, awsError('MissingAuthenticationTokenException')),
    badRequest: exp([400], json('(Invalid request body|Missing required request parameters)'), awsError('BadRequestException')),
  },
  errorSignature: { 'x-amzn-errortype': '.+', 'x-amzn-requestid': '^[0-9a-f-]{36}$' },
  leakHeaders: ['server', 'x-powered-by'],
  supportsApiKeys: true,
};

const awsHttp: Profile = {
  name: 'aws-http',
  rejections: {
    unauthenticated: exp([401], `${json('Unauthorized')}"\\}$`),
    forbidden: exp([403], `${json('Forbidden')}"\\}$`),
    invalidKey: exp([401, 403]),
    throttled: exp([429], `${json('Too Many Requests')}"\\}$`),
    quota: exp([429]),
    notFound: exp([404], `${json('Not Found')}"\\}$`),
    methodNotAllowed: exp([404], `${json('Not Found')}"\\}$`),
    badRequest: exp([400]),
  },
  errorSignature: { 'apigw-requestid': '.+' },
  leakHeaders: ['server', 'x-powered-by'],
  supportsApiKeys: false,
};

const kong: Profile = {
  name: 'kong',
  rejections: {
    unauthenticated: exp([401], json('(No API key found in request|Unauthorized)')),
    forbidden: exp([403]),
    invalidKey: exp([401], json('(Invalid authentication credentials|Unauthorized)')),
    throttled: exp([429], json('API rate limit exceeded')),
    quota: exp([429]),
    notFound: exp([404], json('no Route matched with those values')),
    methodNotAllowed: exp([404], json('no Route matched with those values')),
    badRequest: exp([400]),
  },
  errorSignature: {},
  leakHeaders: ['x-powered-by'],
  supportsApiKeys: true,
};

const generic: Profile = {
  name: 'generic',
  rejections: {
    unauthenticated: exp([401, 403]),
    forbidden: exp([401, 403]),
    invalidKey: exp([401, 403]),
    throttled: exp([429]),
    quota: exp([429]),
    notFound: exp([403, 404]),
    methodNotAllowed: exp([403, 404, 405]),
    badRequest: exp([400, 422]),
  },
  errorSignature: {},
  leakHeaders: ['x-powered-by'],
  supportsApiKeys: true,
};

export const builtinProfiles: Record<ProfileName, Profile> = { 'aws-rest': awsRest, 'aws-http': awsHttp, kong, generic };
