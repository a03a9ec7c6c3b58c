import type { GateproofConfig } from '../config/load.ts';
import { profileBase } from '../config/schema.ts';
import type { GatewayModel } from '../openapi/model.ts';

/**
 * HTTP APIs (API Gateway v2) next to REST APIs: which one a setup describes, and what it asks for that HTTP APIs
 * do not have (API keys, usage plans and quotas, request validators, custom gateway responses, authorization
 * other than JWT, Lambda and IAM authorizers, JWTs signed otherwise than with RSA). Pure: `gateproof plan` and
 * `init` print the notices, the local gateway picks its mode with isHttpApi.
 */

/** An HTTP API: the config's profile says aws-http, or the spec is an HTTP API export. */
export const isHttpApi = (config: Pick<GateproofConfig, 'profile'>, model: Pick<GatewayModel, 'awsHttpApi'>): boolean =>
  profileBase(config) === 'aws-http' || model.awsHttpApi === true;

export interface HttpApiNotice {
  /** The spec or config field that asks for it. */
  field: string;
  message: string;
}

const RSA = /^RS\d+$/;

/** What a spec (and a config, when given) asks of an HTTP API that HTTP APIs do not do; empty for REST APIs. */
export function httpApiNotices(model: GatewayModel, config?: Pick<GateproofConfig, 'profile' | 'stages'>): HttpApiNotice[] {
  if (!(config ? isHttpApi(config, model) : model.awsHttpApi === true)) return [];
  const notices: HttpApiNotice[] = [];
  const add = (field: string, message: string): number => notices.push({ field, message });
  if (config && model.awsHttpApi && profileBase(config) !== 'aws-http') {
    add(
      'profile',
      `the spec is an HTTP API export but the profile is ${profileBase(config)}: the gate would judge rejections as that gateway words them; set profile: 'aws-http'`,
    );
  }
  const usedSchemes = new Map<string, string[]>();
  for (const op of model.operations)
    for (const item of op.security.flat()) usedSchemes.set(item.scheme.name, [...(usedSchemes.get(item.scheme.name) ?? []), op.key]);
  for (const scheme of Object.values(model.securitySchemes)) {
    const ops = usedSchemes.get(scheme.name);
    if (!ops || scheme.authorizer || scheme.awsAuthType === 'awsSigv4') continue;
    if (scheme.type === 'apiKey') add(`components.securitySchemes.${scheme.name}`, `HTTP APIs have no API keys: nothing checks this key on ${list(ops)}`);
    else if (scheme.type === 'http' && scheme.scheme === 'basic')
      add(
        `components.securitySchemes.${scheme.name}`,
        `HTTP APIs authorize with JWT, Lambda or IAM authorizers only: basic auth protects nothing on ${list(ops)}`,
      );
  }
  const keyFlag = model.operations.filter((op) => op.apiKeyRequired && !op.security.flat().some((i) => i.scheme.type === 'apiKey' && !i.scheme.authorizer));
  if (keyFlag.length > 0) add('x-amazon-apigateway-api-key-required', `HTTP APIs have no API keys (${list(keyFlag.map((op) => op.key))})`);
  const validated = model.operations.filter((op) => op.requestValidator !== undefined);
  if (Object.keys(model.requestValidators).length > 0 || validated.length > 0) {
    add(
      'x-amazon-apigateway-request-validators',
      `HTTP APIs do not validate requests: invalid requests reach the integration${validated.length ? ` (${list(validated.map((op) => op.key))})` : ''}`,
    );
  }
  if (Object.keys(model.gatewayResponses).length > 0) {
    add(
      'x-amazon-apigateway-gateway-responses',
      `HTTP APIs have no custom gateway responses (${Object.keys(model.gatewayResponses).join(', ')}): the gateway answers in its own words`,
    );
  }
  for (const [name, stage] of Object.entries(config?.stages ?? {})) {
    if (Object.keys(stage.credentials.apiKeys).length > 0)
      add(`stages.${name}.credentials.apiKeys`, 'HTTP APIs have no API keys: remove them (no check can use them)');
    if (stage.usagePlan)
      add(
        `stages.${name}.usagePlan`,
        'HTTP APIs have no usage plans: per-client limits are enforced nowhere; declare route limits with throttle / operationThrottle',
      );
    if (stage.quota) add(`stages.${name}.quota`, 'HTTP APIs have no usage plans, hence no quotas: throttle.quota cannot pass');
    const alg = stage.credentials.jwt?.alg;
    if (alg !== undefined && !RSA.test(alg) && stage.credentials.jwt?.token === undefined) {
      add(
        `stages.${name}.credentials.jwt.alg`,
        `HTTP API JWT authorizers verify RSA signatures only: tokens signed with ${alg} are refused ("signing method ${alg} is invalid"); sign with RS256 and privateKey`,
      );
    }
  }
  return notices;
}

const list = (items: string[]): string => (items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', '));
