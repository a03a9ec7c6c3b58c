import { describe, expect, it } from 'vitest';
import { credentialRejection, judgeRejection, rejection } from '../../src/checks/expect/rejection.ts';
import { builtinProfiles } from '../../src/profiles/builtin.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import type { Profile } from '../../src/profiles/profile.ts';
import { ECHO_HEADER } from '../../src/gateway/echo-protocol.ts';

type Oracle = Parameters<typeof judgeRejection>[3];
const NO_ORACLE: Oracle = { type: 'none' };
const ECHO: Oracle = { type: 'echo' };
const KONG_HEADERS = { server: 'kong/3.9.1', 'x-kong-response-latency': '1', 'content-type': 'application/json; charset=utf-8' };
const AWS_HEADERS = { 'x-amzn-requestid': '8c3c0a3e-5f4b-4e0a-9f0e-3b7f2f1d7e11', 'content-type': 'application/json' };

const answer = (status: number, body: string, headers: Record<string, string> = {}, method = 'GET') => ({
  request: { method },
  response: { status, body, headers },
});
const jwtRejection = (profile: Profile) => credentialRejection(profile, ['jwt']);

describe('rejections on Kong (profile kong): each plugin answer as its source writes it passes, without a warning', () => {
  const kong = builtinProfiles.kong;
  // The answers of kong/plugins/jwt/handler.lua and jwt_parser.lua, with the pre-1.1 403s the issue observed.
  const jwtAnswers: [number, string][] = [
    [401, '{"message":"Unauthorized"}'],
    [401, '{"message":"Bad token; invalid JSON"}'],
    [403, `{"message":"No credentials found for given 'iss'"}`],
    [401, `{"message":"No credentials found for given 'iss'"}`],
    [403, '{"message":"Invalid algorithm"}'],
    [403, '{"message":"Invalid signature"}'],
    [401, '{"message":"Invalid signature"}'],
    [401, '{"exp":"token expired"}'],
  ];
  it.each(jwtAnswers)('jwt: %i %s', (status, body) => {
    expect(judgeRejection(kong, jwtRejection(kong), answer(status, body, KONG_HEADERS), ECHO)).toEqual({ problems: [], warnings: [] });
  });

  it("key-auth (no key, unknown key in each version's words), the router's 404, the request_id template of 3.5+", () => {
    const key = credentialRejection(kong, ['apiKey']);
    for (const [status, body] of [
      [401, '{"message":"No API key found in request"}'],
      [401, '{\n  "message":"Unauthorized",\n  "request_id":"a1b2"\n}'],
      [401, '{"message":"Invalid authentication credentials"}'],
      [403, '{"message":"Invalid authentication credentials"}'],
    ] as const) {
      expect(judgeRejection(kong, key, answer(status, body, KONG_HEADERS), ECHO), body).toEqual({ problems: [], warnings: [] });
    }
    const notFound = rejection(kong, ['notFound']);
    expect(
      judgeRejection(kong, notFound, answer(404, '{\n  "message":"no Route matched with those values",\n  "request_id":"f00"\n}', KONG_HEADERS), ECHO),
    ).toEqual({ problems: [], warnings: [] });
  });

  it('a different wording is a warning by default and a failure in strict mode', () => {
    const found = judgeRejection(kong, jwtRejection(kong), answer(401, '{"error":"nope"}', KONG_HEADERS), ECHO);
    expect(found.problems).toEqual([]);
    expect(found.warnings).toEqual([
      expect.stringMatching(
        /^the wording of 401 \{"error":"nope"\} differs from the profile's unauthenticated answer: body does not match .*\(kong profile; not a failure outside strict mode\)$/,
      ),
    ]);
    const strict = judgeRejection({ ...kong, strict: true }, jwtRejection(kong), answer(401, '{"error":"nope"}', KONG_HEADERS), ECHO);
    expect(strict.problems).toEqual([expect.stringMatching(/differs from the profile's unauthenticated answer.*\(strict profile\)$/)]);
  });

  it("fails what is no refusal of the gateway: a 2xx, the backend's answer, a status outside the family, no Kong signature", () => {
    const jwt = jwtRejection(kong);
    expect(judgeRejection(kong, jwt, answer(200, '{}', KONG_HEADERS), ECHO).problems).toEqual(['answered 2xx']);
    expect(judgeRejection(kong, jwt, answer(404, 'no such pet', { ...KONG_HEADERS, [ECHO_HEADER]: 'dev GET /pets/1' }), ECHO).problems).toEqual([
      'the request reached the backend',
    ]);
    expect(judgeRejection(kong, jwt, answer(404, '{"message":"no Route matched with those values"}', KONG_HEADERS), ECHO).problems).toEqual([
      'status 404 is not a unauthenticated rejection (401/403)',
    ]);
    expect(judgeRejection(kong, jwt, answer(401, '{"message":"Unauthorized"}', { server: 'nginx' }), NO_ORACLE).problems).toEqual([
      'not recognisably the gateway\'s own answer (kong signature): header server "nginx" does not match /^kong//',
    ]);
  });

  it('a config without the signature (Kong run with `headers = off`) and with strict mode', () => {
    const profile = resolveProfile({ profile: { base: 'kong', overrides: {}, strict: true, signature: {} } });
    expect(profile.strict).toBe(true);
    expect(judgeRejection(profile, jwtRejection(profile), answer(401, '{"message":"Unauthorized"}'), NO_ORACLE)).toEqual({ problems: [], warnings: [] });
    expect(resolveProfile({ profile: 'kong' }).strict).toBe(false);
  });
});

describe('rejections on AWS REST (profile aws-rest)', () => {
  const aws = builtinProfiles['aws-rest'];

  it('a HEAD answer has no body: a correct 403 with x-amzn-ErrorType passes (the S3-proxy false alarm)', () => {
    const iam = credentialRejection(aws, ['iam']);
    const head = answer(403, '', { ...AWS_HEADERS, 'x-amzn-errortype': 'MissingAuthenticationTokenException' }, 'HEAD');
    expect(judgeRejection(aws, iam, head, NO_ORACLE)).toEqual({ problems: [], warnings: [] });
    // The same empty body on GET is a different wording: a warning, not a failure.
    expect(judgeRejection(aws, iam, { ...head, request: { method: 'GET' } }, NO_ORACLE).warnings).toHaveLength(1);
  });

  it('each gateway response type is recognised by its status, wording and error type', () => {
    const cases: [Parameters<typeof credentialRejection>[1], number, string, string][] = [
      [['apiKey'], 403, '{"message":"Forbidden"}', 'ForbiddenException'],
      [['jwt'], 401, '{"message":"Unauthorized"}', 'UnauthorizedException'],
      [['jwt'], 401, '{"message":"The incoming token has expired"}', 'UnauthorizedException'],
      [['iam'], 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'],
      [['iam'], 403, '{"message":"The request signature we calculated does not match the signature you provided."}', 'InvalidSignatureException'],
      [['other'], 403, '{"Message":"User is not authorized to access this resource with an explicit deny"}', 'AccessDeniedException'],
    ];
    for (const [kinds, status, body, type] of cases) {
      expect(judgeRejection(aws, credentialRejection(aws, kinds), answer(status, body, { ...AWS_HEADERS, 'x-amzn-errortype': type }), NO_ORACLE), body).toEqual(
        { problems: [], warnings: [] },
      );
    }
  });

  it('a customised gateway response (x-amazon-apigateway-gateway-responses) is the expected wording', () => {
    const profile = resolveProfile(
      { profile: 'aws-rest' },
      {
        gatewayResponses: {
          UNAUTHORIZED: {
            type: 'UNAUTHORIZED',
            statusCode: 401,
            responseParameters: {},
            responseTemplates: { 'application/json': '{"error":"unauthorized","requestId":"$context.requestId"}' },
          },
        },
      },
    );
    const custom = answer(401, '{"error":"unauthorized","requestId":"abc"}', { ...AWS_HEADERS, 'x-amzn-errortype': 'UnauthorizedException' });
    expect(judgeRejection(profile, jwtRejection(profile), custom, NO_ORACLE)).toEqual({ problems: [], warnings: [] });
  });
});
