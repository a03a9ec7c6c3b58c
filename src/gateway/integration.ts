import type { StageConfig } from '../config/load.ts';
import type { Operation } from '../openapi/model.ts';

/**
 * What request an operation's integration sends to its backend (x-amazon-apigateway-integration): the
 * URI with ${stageVariables.x} resolved from the stage's `variables`, its path template filled from
 * requestParameters (integration.request.path.X <- method.request.path.Y) or same-name path parameters,
 * and the query string (http_proxy: all of it plus mapped renames; http: only mapped parameters).
 * Pure: the local gateway routes with it and the gate's route checks compute the oracle with it.
 */

export interface IntegrationRequest {
  method: string;
  /** Decoded path as the backend sees it, e.g. /pets/abc123 or /files/a/b.txt. */
  path: string;
  query: Record<string, string>;
}

export type IntegrationBuilder = (pathParams: Record<string, string>, query: Record<string, string>, requestMethod?: string) => IntegrationRequest | undefined;

type StageVars = Pick<StageConfig, 'variables'>;

/**
 * The backend request for a concrete call of `op` on a stage; undefined for MOCK integrations (no backend
 * is called). `requestMethod` matters only for ANY methods / integrations (default: the operation's method).
 */
export function expectedIntegrationRequest(
  op: Pick<Operation, 'method' | 'path' | 'integration'>,
  stage: StageVars,
  pathParams: Record<string, string>,
  query: Record<string, string> = {},
  requestMethod?: string,
): IntegrationRequest | undefined {
  return compileIntegration(op, stage)(pathParams, query, requestMethod);
}

/** The same mapping precompiled for one operation on one stage (the gateway's hot path). */
export function compileIntegration(op: Pick<Operation, 'method' | 'path' | 'integration'>, stage: StageVars): IntegrationBuilder {
  const integration = op.integration;
  if (integration?.type === 'mock') return () => undefined;
  const variables = stage.variables ?? {};
  const uri = integration?.uri ? resolveStageVariables(integration.uri, variables) : undefined;
  const fromUri = uri ? /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(uri) : null;
  const template = fromUri ? fromUri[1] || '/' : op.path;
  const staticQuery = fromUri?.[2] ? Object.fromEntries(new URLSearchParams(fromUri[2])) : {};
  const parts = template.split(/(\{[^}]+\})/).map((part) => {
    const name = /^\{([^}]+?)\+?\}$/.exec(part)?.[1];
    return name === undefined ? part : { name };
  });
  const params = integration?.requestParameters ?? {};
  const pathSources = new Map<string, string>();
  const querySources: [string, string][] = [];
  for (const [target, source] of Object.entries(params)) {
    const path = /^integration\.request\.path\.(.+)$/.exec(target)?.[1];
    if (path) pathSources.set(path, source);
    const q = /^integration\.request\.querystring\.(.+)$/.exec(target)?.[1];
    if (q) querySources.push([q, source]);
  }
  const passAllQuery = integration?.type !== 'http';
  const fixedMethod = integration?.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : undefined;

  return (pathParams, query, requestMethod) => {
    let path = '';
    for (const part of parts) {
      if (typeof part === 'string') path += part;
      else {
        const source = pathSources.get(part.name);
        const value = source ? sourceValue(source, pathParams, query, variables) : pathParams[part.name];
        path += value ?? `{${part.name}}`;
      }
    }
    const outQuery: Record<string, string> = passAllQuery ? { ...staticQuery, ...query } : { ...staticQuery };
    for (const [name, source] of querySources) {
      const value = sourceValue(source, pathParams, query, variables);
      if (value !== undefined) outQuery[name] = value;
    }
    const method = fixedMethod ?? requestMethod ?? (op.method === 'ANY' ? 'GET' : op.method);
    return { method, path, query: outQuery };
  };
}

/** ${stageVariables.name} -> the stage's variable (empty when the stage does not define it). */
function resolveStageVariables(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => variables[name] ?? '');
}

function sourceValue(source: string, pathParams: Record<string, string>, query: Record<string, string>, variables: Record<string, string>): string | undefined {
  const s = source.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1);
  let m = /^method\.request\.path\.(.+)$/.exec(s);
  if (m) return pathParams[m[1]!];
  m = /^method\.request\.querystring\.(.+)$/.exec(s);
  if (m) return query[m[1]!];
  m = /^stageVariables\.(.+)$/.exec(s);
  if (m) return variables[m[1]!];
  return undefined;
}
