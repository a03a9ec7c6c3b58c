import { readAuthorizer, readBinaryMediaTypes, readCors, readGatewayResponses, readIntegration, readRequestValidators } from './aws.ts';
import {
  HTTP_METHODS,
  type GatewayModel,
  type JsonSchema,
  type MediaContent,
  type Operation,
  type OperationMethod,
  type Parameter,
  type RequestBody,
  type ResponseSpec,
  type SecurityRequirement,
  type SecurityScheme,
} from './model.ts';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Turns a dereferenced OpenAPI 3.x / Swagger 2.0 document into a GatewayModel. Pure. */
export function normalizeSpec(doc: Obj, source: string): GatewayModel {
  const swagger2 = typeof doc.swagger === 'string';
  const specVersion = swagger2 ? '2.0' : String(doc.openapi).startsWith('3.1') ? '3.1' : '3.0';
  const info = asObj(doc.info);
  const schemes = readSecuritySchemes(swagger2 ? asObj(doc.securityDefinitions) : asObj(asObj(doc.components).securitySchemes));
  const validators = readRequestValidators(doc['x-amazon-apigateway-request-validators']);
  const defaultValidator =
    typeof doc['x-amazon-apigateway-request-validator'] === 'string' ? validators[doc['x-amazon-apigateway-request-validator']] : undefined;
  const context: Context = {
    swagger2,
    schemes,
    globalSecurity: doc.security,
    validators,
    defaultValidator,
    consumes: asArray(doc.consumes).map(String),
    produces: asArray(doc.produces).map(String),
  };
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(asObj(doc.paths))) {
    const item = asObj(rawItem);
    const shared = asArray(item.parameters);
    for (const [rawMethod, rawOp] of Object.entries(item)) {
      const method = methodOf(rawMethod);
      if (!method) continue;
      operations.push(readOperation(method, path, asObj(rawOp), shared, context));
    }
  }
  return {
    title: String(info.title ?? 'API'),
    version: String(info.version ?? ''),
    specVersion,
    source,
    basePath: swagger2 ? stripStageVariable(String(doc.basePath ?? '')) : basePathFromServers(doc.servers),
    operations,
    securitySchemes: schemes,
    apiKeySource: doc['x-amazon-apigateway-api-key-source'] === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER',
    gatewayResponses: readGatewayResponses(doc['x-amazon-apigateway-gateway-responses']),
    requestValidators: validators,
    binaryMediaTypes: readBinaryMediaTypes(doc['x-amazon-apigateway-binary-media-types']),
    cors: readCors(doc['x-amazon-apigateway-cors']),
  };
}

interface Context {
  swagger2: boolean;
  schemes: Record<string, SecurityScheme>;
  globalSecurity: unknown;
  validators: GatewayModel['requestValidators'];
  defaultValidator: GatewayModel['requestValidators'][string] | undefined;
  consumes: string[];
  produces: string[];
}

function methodOf(key: string): OperationMethod | undefined {
  if (key === 'x-amazon-apigateway-any-method') return 'ANY';
  const upper = key.toUpperCase();
  return (HTTP_METHODS as readonly string[]).includes(upper) ? (upper as OperationMethod) : undefined;
}

function readOperation(method: OperationMethod, path: string, op: Obj, shared: unknown[], ctx: Context): Operation {
  const allParams = mergeParameters(shared, asArray(op.parameters));
  const parameters = allParams.filter((p) => p.in !== 'body' && p.in !== 'formData').map((p) => readParameter(p, ctx.swagger2));
  const requestBody = ctx.swagger2 ? swagger2Body(allParams, asArray(op.consumes).map(String), ctx.consumes) : oas3Body(op.requestBody);
  const rawSecurity = op.security ?? ctx.globalSecurity;
  const security = readSecurity(rawSecurity, ctx.schemes);
  const validatorName = op['x-amazon-apigateway-request-validator'];
  const produces = asArray(op.produces).map(String);
  return {
    key: `${method} ${path}`,
    method,
    path,
    operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
    summary: typeof op.summary === 'string' ? op.summary : undefined,
    tags: asArray(op.tags).map(String),
    parameters,
    requestBody,
    responses: Object.entries(asObj(op.responses)).map(([status, r]) =>
      ctx.swagger2 ? swagger2Response(status, asObj(r), produces.length ? produces : ctx.produces) : oas3Response(status, asObj(r)),
    ),
    security,
    explicitlyPublic: Array.isArray(op.security) && op.security.length === 0,
    apiKeyRequired:
      op['x-amazon-apigateway-api-key-required'] === true || security.some((req) => req.some((i) => i.scheme.type === 'apiKey' && !i.scheme.authorizer)),
    integration: readIntegration(op['x-amazon-apigateway-integration']),
    requestValidator: typeof validatorName === 'string' ? ctx.validators[validatorName] : ctx.defaultValidator,
    greedy: /\{[^}]+\+\}$/.test(path),
  };
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(shared: unknown[], own: unknown[]): Obj[] {
  const byKey = new Map<string, Obj>();
  for (const p of [...shared, ...own].map(asObj)) byKey.set(`${String(p.in)}:${String(p.name)}`, p);
  return [...byKey.values()];
}

function readParameter(p: Obj, swagger2: boolean): Parameter {
  const location = String(p.in) as Parameter['in'];
  const schema = swagger2 ? swagger2ParamSchema(p) : (asObj(p.schema) as JsonSchema);
  return {
    name: String(p.name),
    in: location,
    required: location === 'path' ? true : p.required === true,
    schema,
    example: p.example ?? p['x-example'],
  };
}

function swagger2ParamSchema(p: Obj): JsonSchema {
  const keys = ['type', 'format', 'items', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'default'];
  return Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
}

function oas3Body(raw: unknown): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const body = asObj(raw);
  return { required: body.required === true, content: readContent(body.content) };
}

function swagger2Body(params: Obj[], consumes: string[], globalConsumes: string[]): RequestBody | undefined {
  const body = params.find((p) => p.in === 'body');
  if (!body) return undefined;
  const types = consumes.length ? consumes : globalConsumes.length ? globalConsumes : ['application/json'];
  return { required: body.required === true, content: types.map((mediaType) => ({ mediaType, schema: asObj(body.schema) })) };
}

function oas3Response(status: string, r: Obj): ResponseSpec {
  return { status, description: typeof r.description === 'string' ? r.description : undefined, content: readContent(r.content) };
}

function swagger2Response(status: string, r: Obj, produces: string[]): ResponseSpec {
  const types = produces.length ? produces : ['application/json'];
  const examples = asObj(r.examples);
  const content = r.schema === undefined ? [] : types.map((mediaType) => ({ mediaType, schema: asObj(r.schema), example: examples[mediaType] }));
  return { status, description: typeof r.description === 'string' ? r.description : undefined, content };
}

function readContent(raw: unknown): MediaContent[] {
  return Object.entries(asObj(raw)).map(([mediaType, m]) => {
    const media = asObj(m);
    const firstExample = Object.values(asObj(media.examples)).map(asObj)[0]?.value;
    return { mediaType, schema: media.schema === undefined ? undefined : (asObj(media.schema) as JsonSchema), example: media.example ?? firstExample };
  });
}

function readSecuritySchemes(raw: Obj): Record<string, SecurityScheme> {
  const out: Record<string, SecurityScheme> = {};
  for (const [name, value] of Object.entries(raw)) {
    const s = asObj(value);
    const base = {
      name,
      awsAuthType: typeof s['x-amazon-apigateway-authtype'] === 'string' ? s['x-amazon-apigateway-authtype'] : undefined,
      authorizer: readAuthorizer(s['x-amazon-apigateway-authorizer']),
    };
    const type = String(s.type);
    if (type === 'apiKey') {
      const location = s.in === 'query' || s.in === 'cookie' ? s.in : 'header';
      out[name] = { ...base, type: 'apiKey', in: location, paramName: String(s.name ?? 'x-api-key') };
    } else if (type === 'http' || type === 'basic') {
      out[name] = {
        ...base,
        type: 'http',
        scheme: type === 'basic' ? 'basic' : String(s.scheme ?? 'bearer').toLowerCase(),
        bearerFormat: typeof s.bearerFormat === 'string' ? s.bearerFormat : undefined,
      };
    } else if (type === 'openIdConnect') {
      out[name] = { ...base, type: 'openIdConnect', openIdConnectUrl: typeof s.openIdConnectUrl === 'string' ? s.openIdConnectUrl : undefined };
    } else {
      out[name] = { ...base, type: 'oauth2' };
    }
  }
  return out;
}

function readSecurity(raw: unknown, schemes: Record<string, SecurityScheme>): SecurityRequirement[] {
  return asArray(raw)
    .map((req) =>
      Object.entries(asObj(req)).flatMap(([name, scopes]) => {
        const scheme = schemes[name];
        return scheme ? [{ scheme, scopes: asArray(scopes).map(String) }] : [];
      }),
    )
    .filter((req) => req.length > 0);
}

/** AWS get-export writes servers: [{url: ".../{basePath}", variables: {basePath: {default: stage}}}]. */
function basePathFromServers(raw: unknown): string {
  const server = asObj(asArray(raw)[0]);
  if (typeof server.url !== 'string') return '';
  let pathname: string;
  try {
    pathname = new URL(
      server.url.replace(/\{[^}]+\}/g, (m) => (m === '{basePath}' ? m : 'x')),
      'http://placeholder',
    ).pathname;
  } catch {
    return '';
  }
  return stripStageVariable(decodeURIComponent(pathname));
}

function stripStageVariable(path: string): string {
  const cleaned = path.replace(/\/?\{basePath\}/g, '').replace(/\/+$/, '');
  return cleaned === '/' ? '' : cleaned;
}
