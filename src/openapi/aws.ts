import type { Authorizer, CorsConfig, GatewayResponse, Integration, RequestValidator } from './model.ts';

/** Readers for the x-amazon-apigateway-* extensions (see shared/reference/aws-api-gateway.md). */

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const asStrings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String)
    : typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readIntegration(raw: unknown): Integration | undefined {
  const o = asObj(raw);
  const type = str(o.type)?.toLowerCase();
  if (!type) return undefined;
  const known = ['http', 'http_proxy', 'aws', 'aws_proxy', 'mock'] as const;
  return {
    type: (known as readonly string[]).includes(type) ? (type as Integration['type']) : 'http_proxy',
    uri: str(o.uri),
    httpMethod: str(o.httpMethod)?.toUpperCase(),
    requestParameters: Object.fromEntries(Object.entries(asObj(o.requestParameters)).map(([k, v]) => [k, String(v)])),
    passthroughBehavior: str(o.passthroughBehavior),
    responses: o.responses === undefined ? undefined : asObj(o.responses),
  };
}

export function readAuthorizer(raw: unknown): Authorizer | undefined {
  const o = asObj(raw);
  const type = str(o.type)?.toLowerCase();
  if (type !== 'token' && type !== 'request' && type !== 'cognito_user_pools' && type !== 'jwt') return undefined;
  const jwt = asObj(o.jwtConfiguration);
  return {
    type,
    identitySource: str(o.identitySource),
    issuer: str(jwt.issuer),
    audience: asStrings(jwt.audience),
    providerARNs: asStrings(o.providerARNs),
    authorizerUri: str(o.authorizerUri),
    resultTtlInSeconds: typeof o.authorizerResultTtlInSeconds === 'number' ? o.authorizerResultTtlInSeconds : undefined,
  };
}

export function readRequestValidators(raw: unknown): Record<string, RequestValidator> {
  return Object.fromEntries(
    Object.entries(asObj(raw)).map(([name, v]) => {
      const o = asObj(v);
      return [name, { name, validateRequestBody: o.validateRequestBody === true, validateRequestParameters: o.validateRequestParameters === true }];
    }),
  );
}

export function readGatewayResponses(raw: unknown): Record<string, GatewayResponse> {
  return Object.fromEntries(
    Object.entries(asObj(raw)).map(([type, v]) => {
      const o = asObj(v);
      const status = Number(o.statusCode);
      return [
        type,
        {
          type,
          statusCode: Number.isInteger(status) && status > 0 ? status : undefined,
          responseParameters: Object.fromEntries(Object.entries(asObj(o.responseParameters)).map(([k, x]) => [k, String(x)])),
          responseTemplates: Object.fromEntries(Object.entries(asObj(o.responseTemplates)).map(([k, x]) => [k, String(x)])),
        },
      ];
    }),
  );
}

export function readCors(raw: unknown): CorsConfig | undefined {
  if (raw === undefined) return undefined;
  const o = asObj(raw);
  return {
    allowOrigins: asStrings(o.allowOrigins),
    allowMethods: asStrings(o.allowMethods).map((m) => m.toUpperCase()),
    allowHeaders: asStrings(o.allowHeaders),
    allowCredentials: o.allowCredentials === true,
  };
}

export const readBinaryMediaTypes = (raw: unknown): string[] => asStrings(raw);
