import type { GatewayModel, GatewayResponse } from '../openapi/model.ts';
import type { GateproofConfig } from '../config/load.ts';
import { profileBase } from '../config/schema.ts';
import { builtinProfiles } from './builtin.ts';
import type { Expectation, Profile, RejectionKind } from './profile.ts';

/** AWS gateway response types -> the rejection kinds they customise. */
const gatewayResponseKinds: Record<string, RejectionKind[]> = {
  UNAUTHORIZED: ['unauthenticated'],
  EXPIRED_TOKEN: ['unauthenticated'],
  ACCESS_DENIED: ['forbidden'],
  INVALID_API_KEY: ['invalidKey'],
  THROTTLED: ['throttled'],
  QUOTA_EXCEEDED: ['quota'],
  MISSING_AUTHENTICATION_TOKEN: ['notFound', 'methodNotAllowed'],
  RESOURCE_NOT_FOUND: ['notFound'],
  BAD_REQUEST_BODY: ['badRequest'],
  BAD_REQUEST_PARAMETERS: ['badRequest'],
  DEFAULT_4XX: ['unauthenticated', 'forbidden', 'invalidKey', 'throttled', 'quota', 'notFound', 'methodNotAllowed', 'badRequest'],
};

/**
 * The effective profile: the built-in one, then the spec's x-amazon-apigateway-gateway-responses (specific
 * types win over DEFAULT_4XX; not for aws-http), then the config's overrides, strict mode, gateway signature and
 * leak headers.
 */
export function resolveProfile(config: Pick<GateproofConfig, 'profile'>, model?: Pick<GatewayModel, 'gatewayResponses'>): Profile {
  const base = builtinProfiles[profileBase(config)];
  const rejections = { ...base.rejections };
  // HTTP APIs have no gateway responses to customise: an HTTP API answers in its own words whatever the spec says.
  const responses = base.name === 'aws-http' ? [] : Object.values(model?.gatewayResponses ?? {});
  const ordered = [...responses.filter((r) => r.type === 'DEFAULT_4XX'), ...responses.filter((r) => r.type !== 'DEFAULT_4XX')];
  for (const response of ordered) {
    for (const kind of gatewayResponseKinds[response.type] ?? []) {
      if (response.type === 'DEFAULT_4XX' && responses.some((r) => r.type !== 'DEFAULT_4XX' && gatewayResponseKinds[r.type]?.includes(kind))) continue;
      rejections[kind] = customised(rejections[kind], response);
    }
  }
  if (typeof config.profile !== 'object') return { ...base, rejections };
  for (const [kind, override] of Object.entries(config.profile.overrides) as [RejectionKind, Partial<Expectation>][]) {
    rejections[kind] = { ...rejections[kind], ...override, headers: { ...rejections[kind].headers, ...(override.headers ?? {}) } };
  }
  const { strict, signature, leakHeaders } = config.profile;
  return {
    ...base,
    rejections,
    strict,
    errorSignature: signature ?? base.errorSignature,
    leakHeaders: leakHeaders?.map((h) => h.toLowerCase()) ?? base.leakHeaders,
  };
}

function customised(base: Expectation, response: GatewayResponse): Expectation {
  const template = response.responseTemplates['application/json'];
  const headers = { ...base.headers };
  for (const [param, value] of Object.entries(response.responseParameters)) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(param)?.[1];
    const literal = /^'(.*)'$/.exec(value)?.[1];
    if (name && literal !== undefined) headers[name.toLowerCase()] = `^${escapeRegExp(literal)}$`;
  }
  return {
    statuses: response.statusCode ? [response.statusCode] : base.statuses,
    body: template === undefined ? base.body : templateToRegExp(template),
    headers,
  };
}

/** `{"error":$context.error.messageString}` -> a regexp where every $context / $stageVariables reference is a wildcard. */
function templateToRegExp(template: string): string {
  const parts = template.trim().split(/\$(?:context|stageVariables|input|util)[\w.]*(?:\([^)]*\))?/);
  return `^${parts.map((p) => escapeRegExp(p).replace(/\s+/g, '\\s*')).join('.*')}$`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
