import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayModel, GatewayResponse } from '../openapi/model.ts';

/**
 * The gateway's own answers, byte for byte as AWS REST APIs send them (shared/reference/aws-api-gateway.md):
 * `{"message":<messageString>}` without a space, x-amzn-ErrorType, and the spec's
 * x-amazon-apigateway-gateway-responses customisations (status, template, header parameters).
 */

export interface ErrorDef {
  /** Gateway response type (customisable); undefined when AWS answers before the API is known. */
  type?: string;
  status: number;
  message: string;
  errorType: string;
  /** The JSON key of the default body (explicit deny uses "Message"). */
  key?: string;
  /** A fixed body (integration failures: `{"message": "Internal server error"}` with a space). */
  fixedBody?: string;
}

const def = (type: string | undefined, status: number, message: string, errorType: string, extra: Partial<ErrorDef> = {}): ErrorDef => ({
  type,
  status,
  message,
  errorType,
  ...extra,
});

export const ERRORS = {
  missingAuthToken: def('MISSING_AUTHENTICATION_TOKEN', 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException'),
  unknownStage: def(undefined, 403, 'Forbidden', 'ForbiddenException'),
  invalidApiKey: def('INVALID_API_KEY', 403, 'Forbidden', 'ForbiddenException'),
  unauthorized: def('UNAUTHORIZED', 401, 'Unauthorized', 'UnauthorizedException'),
  tokenExpired: def('UNAUTHORIZED', 401, 'The incoming token has expired', 'UnauthorizedException'),
  explicitDeny: def('ACCESS_DENIED', 403, 'User is not authorized to access this resource with an explicit deny', 'AccessDeniedException', { key: 'Message' }),
  insufficientScope: def('ACCESS_DENIED', 403, 'Forbidden', 'ForbiddenException'),
  throttled: def('THROTTLED', 429, 'Too Many Requests', 'TooManyRequestsException'),
  quotaExceeded: def('QUOTA_EXCEEDED', 429, 'Limit Exceeded', 'LimitExceededException'),
  badBody: def('BAD_REQUEST_BODY', 400, 'Invalid request body', 'BadRequestException'),
  badParameters: def('BAD_REQUEST_PARAMETERS', 400, 'Missing required request parameters', 'BadRequestException'),
  tooLarge: def('REQUEST_TOO_LARGE', 413, 'Request Too Long', 'RequestTooLargeException'),
  incompleteSignature: def(undefined, 403, 'Invalid key=value pair (missing equal-sign) in Authorization header', 'IncompleteSignatureException'),
  internal: def(undefined, 500, 'Internal server error', 'InternalServerErrorException', { fixedBody: '{"message": "Internal server error"}' }),
  integrationTimeout: def('INTEGRATION_TIMEOUT', 504, 'Endpoint request timed out', 'InternalServerErrorException', {
    fixedBody: '{"message": "Endpoint request timed out"}',
  }),
} satisfies Record<string, ErrorDef>;

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What templates and header mappings may refer to. */
export interface TemplateContext {
  requestId: string;
  stage: string;
  httpMethod: string;
  path: string;
  resourcePath?: string;
  headers: IncomingHttpHeaders;
  query: () => Record<string, string>;
  pathParams?: Record<string, string>;
  stageVariables: Record<string, string>;
}

const JSON_TYPE = 'application/json';

export class GatewayResponder {
  private readonly defaults = new Map<ErrorDef, Buffer>();

  constructor(private readonly responses: GatewayModel['gatewayResponses']) {}

  /** The gateway's answer for `error` (message overrides the default wording, e.g. the missing parameters). */
  error(error: ErrorDef, ctx: TemplateContext, message = error.message): Reply {
    const custom = this.customisation(error);
    const headers: Record<string, string> = { 'content-type': JSON_TYPE, 'x-amzn-ErrorType': error.errorType };
    let status = error.status;
    let body: Buffer | undefined;
    if (custom) {
      status = custom.statusCode ?? status;
      const template = custom.responseTemplates[JSON_TYPE] ?? Object.values(custom.responseTemplates)[0];
      if (template !== undefined) body = Buffer.from(renderTemplate(template, ctx, message, error.type ?? ''));
      for (const [name, source] of Object.entries(custom.responseParameters)) {
        const header = /^gatewayresponse\.header\.(.+)$/.exec(name)?.[1];
        const value = header ? mapValue(source, ctx) : undefined;
        if (header && value !== undefined) headers[header] = value;
      }
    }
    body ??= message === error.message ? this.defaultBody(error) : defaultBody(error, message);
    return { status, headers, body };
  }

  private customisation(error: ErrorDef): GatewayResponse | undefined {
    if (!error.type) return undefined;
    return this.responses[error.type] ?? this.responses[error.status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'];
  }

  private defaultBody(error: ErrorDef): Buffer {
    let body = this.defaults.get(error);
    if (!body) this.defaults.set(error, (body = defaultBody(error, error.message)));
    return body;
  }
}

const defaultBody = (error: ErrorDef, message: string): Buffer =>
  Buffer.from(error.fixedBody ?? `{${JSON.stringify(error.key ?? 'message')}:${JSON.stringify(message)}}`);

/** Renders the VTL subset gateway-response templates use: $context.* and $stageVariables.* references. */
export function renderTemplate(template: string, ctx: TemplateContext, message: string, responseType: string): string {
  return template.replace(
    /\$(?:\{((?:context|stageVariables)\.[\w.]+)\}|((?:context|stageVariables)\.\w+(?:\.\w+)*))/g,
    (_m, braced: string | undefined, bare: string | undefined) => {
      const ref = (braced ?? bare ?? '').replace(/\.+$/, '');
      if (ref === 'context.error.messageString') return JSON.stringify(message);
      if (ref === 'context.error.message') return message;
      if (ref === 'context.error.responseType') return responseType;
      return contextValue(ref, ctx) ?? '';
    },
  );
}

function contextValue(ref: string, ctx: TemplateContext): string | undefined {
  if (ref.startsWith('stageVariables.')) return ctx.stageVariables[ref.slice('stageVariables.'.length)];
  switch (ref) {
    case 'context.requestId':
    case 'context.extendedRequestId':
      return ctx.requestId;
    case 'context.stage':
      return ctx.stage;
    case 'context.httpMethod':
      return ctx.httpMethod;
    case 'context.path':
      return ctx.path;
    case 'context.resourcePath':
      return ctx.resourcePath;
    default:
      return undefined;
  }
}

/** A header mapping source: 'static', method.request.header|querystring|path.X, stageVariables.X, context.X. */
export function mapValue(source: string, ctx: TemplateContext): string | undefined {
  const s = source.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1);
  const m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(s);
  if (m) {
    const name = m[2]!;
    if (m[1] === 'header') {
      const v = ctx.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(',') : v;
    }
    return m[1] === 'querystring' ? ctx.query()[name] : ctx.pathParams?.[name];
  }
  return contextValue(s, ctx);
}

/** Headers an integration may not set: AWS renames them x-amzn-Remapped-<Name>. */
const REMAPPED = new Set([
  'authorization',
  'connection',
  'content-length',
  'date',
  'expect',
  'host',
  'max-forwards',
  'proxy-authenticate',
  'server',
  'te',
  'trailer',
  'upgrade',
  'user-agent',
  'via',
  'www-authenticate',
  'x-forwarded-for',
]);
const DROPPED = new Set(['transfer-encoding', 'keep-alive', 'x-powered-by']);
const LEAKABLE = new Set(['server', 'x-powered-by']);

/** Integration response headers as the client sees them (rawHeaders keeps the backend's spelling). */
export function remapBackendHeaders(rawHeaders: string[], leak: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    const lower = name.toLowerCase();
    let target = name;
    if (leak && LEAKABLE.has(lower)) target = name;
    else if (DROPPED.has(lower)) continue;
    else if (REMAPPED.has(lower)) target = `x-amzn-Remapped-${name}`;
    out[target] = out[target] === undefined ? value : `${out[target]}, ${value}`;
  }
  return out;
}
