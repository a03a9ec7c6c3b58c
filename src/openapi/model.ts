/** The normalized, typed picture of an API as read from its OpenAPI / Swagger document. */

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** ANY is AWS's x-amazon-apigateway-any-method. */
export type OperationMethod = HttpMethod | 'ANY';

export type JsonSchema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

export interface MediaContent {
  mediaType: string;
  schema?: JsonSchema;
  example?: unknown;
}

export interface RequestBody {
  required: boolean;
  content: MediaContent[];
}

export interface ResponseSpec {
  /** "200", "404", "2XX" or "default". */
  status: string;
  description?: string;
  content: MediaContent[];
}

export interface Authorizer {
  type: 'token' | 'request' | 'cognito_user_pools' | 'jwt';
  identitySource?: string;
  issuer?: string;
  audience: string[];
  providerARNs: string[];
  authorizerUri?: string;
  resultTtlInSeconds?: number;
  /** HTTP API Lambda authorizers: authorizerPayloadFormatVersion ("1.0" | "2.0"). */
  payloadFormatVersion?: string;
  /** HTTP API Lambda authorizers (payload 2.0): enableSimpleResponses, `{ isAuthorized }` instead of an IAM policy. */
  simpleResponses?: boolean;
}

interface SchemeBase {
  name: string;
  /** x-amazon-apigateway-authtype: custom | oauth2 | cognito_user_pools | awsSigv4 */
  awsAuthType?: string;
  authorizer?: Authorizer;
}
export type SecurityScheme =
  | (SchemeBase & { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; paramName: string })
  | (SchemeBase & { type: 'http'; scheme: string; bearerFormat?: string })
  | (SchemeBase & { type: 'oauth2' })
  | (SchemeBase & { type: 'openIdConnect'; openIdConnectUrl?: string });

/** What a credential scheme amounts to for the gate. */
export type CredentialKind = 'apiKey' | 'jwt' | 'lambda' | 'basic' | 'iam' | 'other';

export interface SecurityRequirementItem {
  scheme: SecurityScheme;
  scopes: string[];
}
/** All items of one requirement must hold together (AND). */
export type SecurityRequirement = SecurityRequirementItem[];

export interface Integration {
  type: 'http' | 'http_proxy' | 'aws' | 'aws_proxy' | 'mock';
  uri?: string;
  httpMethod?: string;
  requestParameters: Record<string, string>;
  passthroughBehavior?: string;
  responses?: Record<string, unknown>;
  /** HTTP API integrations: payloadFormatVersion ("1.0" | "2.0"). */
  payloadFormatVersion?: string;
}

export interface RequestValidator {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

export interface GatewayResponse {
  /** e.g. UNAUTHORIZED, THROTTLED, DEFAULT_4XX */
  type: string;
  statusCode?: number;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  allowCredentials: boolean;
  exposeHeaders?: string[];
  /** Seconds a preflight answer may be cached (Access-Control-Max-Age). */
  maxAge?: number;
}

export interface Operation {
  /** "METHOD /path": the operation reference used in ids and config. */
  key: string;
  method: OperationMethod;
  /** Path template without the stage, e.g. /pets/{petId} or /files/{proxy+}. */
  path: string;
  operationId?: string;
  summary?: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: ResponseSpec[];
  /**
   * Alternatives (OR) of requirements (AND). Empty array = explicitly public (`security: []`
   * or no security anywhere).
   */
  security: SecurityRequirement[];
  /** True when `security: []` is written on the operation (explicitly public). */
  explicitlyPublic: boolean;
  /** x-amazon-apigateway-api-key-required or an apiKey scheme in its security. */
  apiKeyRequired: boolean;
  integration?: Integration;
  requestValidator?: RequestValidator;
  /** The path ends in a greedy {name+} segment. */
  greedy: boolean;
  /** HTTP APIs: the `$default` route (path `/$default` or `isDefaultRoute: true`), the catch-all for unmatched requests. */
  defaultRoute?: boolean;
}

/** Something in the document the loader could not use as written, or that limits what can be checked. */
export interface SpecWarning {
  message: string;
  /** The operation concerned ("GET /pets"), when there is one. */
  operation?: string;
}

export interface GatewayModel {
  title: string;
  version: string;
  specVersion: '2.0' | '3.0' | '3.1';
  /** File path or URL the spec came from. */
  source: string;
  /** Base path from servers / basePath, stage variable removed. "" when none. */
  basePath: string;
  operations: Operation[];
  securitySchemes: Record<string, SecurityScheme>;
  apiKeySource: 'HEADER' | 'AUTHORIZER';
  gatewayResponses: Record<string, GatewayResponse>;
  requestValidators: Record<string, RequestValidator>;
  binaryMediaTypes: string[];
  cors?: CorsConfig;
  /**
   * The document is an API Gateway HTTP API (v2) export: extensions only HTTP APIs have (importexport-version,
   * components x-amazon-apigateway-integrations, payloadFormatVersion, a $default route, Lambda authorizer payload 2.0).
   */
  awsHttpApi?: boolean;
  /** Never dropped silently: every report lists them (gate.json `warnings`, source `spec`). */
  warnings: SpecWarning[];
}
