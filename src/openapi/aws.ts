import type { Authorizer, CorsConfig, GatewayResponse, Integration, Operation, RequestValidator, SecurityScheme } from './model.ts';

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

const INTEGRATION_TYPES = ['http', 'http_proxy', 'aws', 'aws_proxy', 'mock'] as const;

/** x-amazon-apigateway-integration; values written as CloudFormation intrinsics are read as text (see intrinsicText). */
export function readIntegration(raw: unknown, warn: (message: string) => void = () => {}): Integration | undefined {
  const o = asObj(raw);
  const type = str(o.type)?.toLowerCase();
  if (!type) return undefined;
  if (!(INTEGRATION_TYPES as readonly string[]).includes(type)) warn(`integration type "${String(o.type)}" is unknown: treated as http_proxy`);
  const text = (value: unknown, what: string): string | undefined => {
    if (value === undefined) return undefined;
    const read = intrinsicText(value);
    if (read === undefined) warn(`integration ${what} ${JSON.stringify(value)} is not a string gateproof can read: left out`);
    return read;
  };
  const requestParameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(o.requestParameters))) {
    const value = typeof v === 'number' || typeof v === 'boolean' ? String(v) : text(v, `requestParameters.${k}`);
    if (value !== undefined) requestParameters[k] = value;
  }
  return {
    type: (INTEGRATION_TYPES as readonly string[]).includes(type) ? (type as Integration['type']) : 'http_proxy',
    uri: text(o.uri, 'uri'),
    httpMethod: str(o.httpMethod)?.toUpperCase(),
    requestParameters,
    passthroughBehavior: str(o.passthroughBehavior),
    responses: o.responses === undefined ? undefined : asObj(o.responses),
    payloadFormatVersion: version(o.payloadFormatVersion),
  };
}

/**
 * A CloudFormation / SAM template value as readable text: a string as is; `Fn::Sub` its template, with the
 * variables of its list form filled in where they are text and every other `${...}` kept as written; `Ref`
 * and `Fn::GetAtt` as the `${Name}` / `${Name.Attr}` they stand for; `Fn::Join` its parts joined. Anything
 * else (Fn::If, Fn::ImportValue, ...) cannot be read without deploying: undefined. Pure.
 */
export function intrinsicText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const o = asObj(value);
  const keys = Object.keys(o);
  if (keys.length !== 1) return undefined;
  const arg = o[keys[0]!];
  switch (keys[0]) {
    case 'Fn::Sub': {
      if (typeof arg === 'string') return arg;
      const [template, vars] = Array.isArray(arg) ? arg : [];
      if (typeof template !== 'string') return undefined;
      const values = asObj(vars);
      return template.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => intrinsicText(values[name]) ?? whole);
    }
    case 'Ref':
      return typeof arg === 'string' ? `\${${arg}}` : undefined;
    case 'Fn::GetAtt': {
      const path = Array.isArray(arg) ? arg.map(String).join('.') : typeof arg === 'string' ? arg : undefined;
      return path === undefined ? undefined : `\${${path}}`;
    }
    case 'Fn::Join': {
      const [separator, parts] = Array.isArray(arg) ? arg : [];
      if (typeof separator !== 'string' || !Array.isArray(parts)) return undefined;
      const texts = parts.map(intrinsicText);
      return texts.every((t) => t !== undefined) ? texts.join(separator) : undefined;
    }
    default:
      return undefined;
  }
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
    payloadFormatVersion: version(o.authorizerPayloadFormatVersion),
    simpleResponses: typeof o.enableSimpleResponses === 'boolean' ? o.enableSimpleResponses : undefined,
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
    exposeHeaders: o.exposeHeaders === undefined ? undefined : asStrings(o.exposeHeaders),
    maxAge: typeof o.maxAge === 'number' && o.maxAge >= 0 ? o.maxAge : undefined,
  };
}

export const readBinaryMediaTypes = (raw: unknown): string[] => asStrings(raw);

/** `"2.0"`, also when written as a number (2.0 in YAML). */
function version(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return typeof v === 'number' ? v.toFixed(1) : undefined;
}

/** The `$default` route of an HTTP API as exported: path `/$default`, or `isDefaultRoute: true` on its operation. */
export const isDefaultRoute = (path: string, op: Obj): boolean => path === '/$default' || op.isDefaultRoute === true;

/**
 * Whether a document is an HTTP API (API Gateway v2) export: it carries an extension REST APIs do not have.
 * (x-amazon-apigateway-cors is HTTP-only too, but local REST setups use it, so it does not decide.)
 */
export function isHttpApiExport(
  doc: Obj,
  operations: readonly Pick<Operation, 'integration' | 'defaultRoute'>[],
  schemes: readonly Pick<SecurityScheme, 'authorizer'>[],
): boolean {
  if (doc['x-amazon-apigateway-importexport-version'] !== undefined) return true;
  if (asObj(doc.components)['x-amazon-apigateway-integrations'] !== undefined) return true;
  if (schemes.some((s) => s.authorizer?.payloadFormatVersion !== undefined || s.authorizer?.simpleResponses !== undefined)) return true;
  return operations.some((op) => op.defaultRoute === true || op.integration?.payloadFormatVersion !== undefined);
}
