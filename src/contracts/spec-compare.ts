import { CREDENTIAL_HEADERS } from '../secrets/redact.ts';
import { isSecured } from '../auth/classify.ts';
import type { GatewayModel, MediaContent, Operation, ResponseSpec } from '../openapi/model.ts';
import type { OperationMatcher } from './match.ts';
import type { PactInteraction } from './pact-file.ts';
import { isJsonType } from './pact-file.ts';
import { coerceParam } from './params.ts';
import { describeSlot, isPlaceholder, PLACEHOLDER, slotAlternatives, slotValue } from './placeholder.ts';
import { validateAgainst } from './validate.ts';

/** What the spec says about one interaction: the matched operation and every way the pact departs from it. */
export interface SpecComparison {
  operation?: Operation;
  /** "METHOD /template" when matched, else "METHOD <literal path>". */
  operationKey: string;
  problems: string[];
}

/**
 * Compares a pact interaction with the OpenAPI model, without calling anything: the path and method exist,
 * path/query/header parameters and the request body satisfy their schemas, the expected status is documented,
 * the expected body uses only documented fields of the right types, the interaction presents the credentials
 * the operation requires (as placeholders), and no credential value sits in the pact. Pure.
 */
export function compareWithSpec(interaction: PactInteraction, model: GatewayModel, matcher: OperationMatcher<Operation>): SpecComparison {
  const { request, response } = interaction;
  const literal = `${request.method} ${request.path}`;
  const found = matcher.match(request.method, request.path);
  if (found.kind === 'none') return { operationKey: literal, problems: [`${literal}: the spec has no such path`] };
  if (found.kind === 'method') {
    return {
      operationKey: literal,
      problems: [`${literal}: the path exists but ${request.method} is not declared on it (declared: ${found.allowed.join(', ') || 'none'})`],
    };
  }
  const op = found.operation;
  const spec = model.specVersion;
  const problems: string[] = [];
  const slotNames = new Set(
    slotAlternatives(op)
      .flat()
      .map((s) => s.name.toLowerCase()),
  );

  for (const param of op.parameters) {
    const raw =
      param.in === 'path'
        ? found.params[param.name]
        : param.in === 'query'
          ? request.query[param.name]
          : param.in === 'header'
            ? request.headers[param.name.toLowerCase()]
            : undefined;
    const values = raw === undefined ? undefined : Array.isArray(raw) ? raw : [raw];
    if (values === undefined || values.length === 0) {
      if (param.required && param.in !== 'cookie') problems.push(`request: required ${param.in} parameter "${param.name}" is missing`);
      continue;
    }
    if (!param.schema) continue;
    const check = validateAgainst(param.schema, coerceParam(param.schema, values), 'request', spec);
    if (!check.valid) problems.push(`request: ${param.in} parameter "${param.name}" ${check.errors.map((e) => e.replace(/^\$\s*/, '')).join(', ')}`);
  }
  for (const name of Object.keys(request.query)) {
    if (!op.parameters.some((p) => p.in === 'query' && p.name === name) && !slotNames.has(name.toLowerCase())) {
      problems.push(`request: query parameter "${name}" is not in the spec`);
    }
  }

  problems.push(...compareRequestBody(interaction, op, spec));
  problems.push(...compareResponse(interaction, op, spec));
  problems.push(...compareSecurity(interaction, op, slotNames));
  return { operation: op, operationKey: op.key, problems };
}

function compareRequestBody(interaction: PactInteraction, op: Operation, spec: string): string[] {
  const { request } = interaction;
  const hasBody = request.body !== undefined && request.body !== '';
  if (!hasBody) return op.requestBody?.required ? ['request: the operation requires a body and the interaction sends none'] : [];
  if (!op.requestBody) return ['request: the interaction sends a body, the operation takes none'];
  const media = pickMedia(op.requestBody.content, request.contentType ?? request.headers['content-type']);
  if (!media)
    return [
      `request: content type ${request.contentType ?? 'application/json'} is not accepted (spec: ${op.requestBody.content.map((c) => c.mediaType).join(', ')})`,
    ];
  if (!media.schema || !isJsonType(media.mediaType)) return [];
  const check = validateAgainst(media.schema, request.body, 'request', spec);
  return check.valid ? [] : check.errors.map((e) => `request body: ${e}`);
}

function compareResponse(interaction: PactInteraction, op: Operation, spec: string): string[] {
  const { response } = interaction;
  const documented = findResponse(op.responses, response.status);
  if (!documented)
    return [`response: status ${response.status} is not documented for ${op.key} (documented: ${op.responses.map((r) => r.status).join(', ') || 'none'})`];
  const hasBody = response.body !== undefined && response.body !== '';
  if (!hasBody) return [];
  if (documented.content.length === 0) return [`response: the interaction expects a body, the spec documents none for status ${documented.status}`];
  const media = pickMedia(documented.content, response.contentType ?? response.headers['content-type']);
  if (!media)
    return [
      `response: content type ${response.contentType} is not documented for status ${documented.status} (spec: ${documented.content.map((c) => c.mediaType).join(', ')})`,
    ];
  if (!media.schema || !isJsonType(media.mediaType)) return [];
  const check = validateAgainst(media.schema, response.body, 'expectation', spec);
  return check.valid ? [] : check.errors.map((e) => `response body: ${e}`);
}

function compareSecurity(interaction: PactInteraction, op: Operation, slotNames: Set<string>): string[] {
  const problems: string[] = [];
  const request = interaction.request;
  const alternatives = slotAlternatives(op);
  if (isSecured(op) && alternatives.length > 0) {
    const satisfied = alternatives.some((slots) => slots.every((slot) => slotValue(request, slot) !== undefined));
    if (!satisfied) {
      const wanted = alternatives.map((slots) => slots.map(describeSlot).join(' + ')).join(' or ');
      problems.push(
        `security: ${op.key} requires ${wanted}; the interaction presents no such credentials (send "${PLACEHOLDER}" in each slot: the verifier puts the stage's credential there)`,
      );
    }
  }
  for (const slot of alternatives.flat()) {
    const value = slotValue(request, slot);
    if (value !== undefined && !isPlaceholder(value))
      problems.push(`security: ${describeSlot(slot)} holds a value other than the placeholder "${PLACEHOLDER}": pacts must never carry credentials`);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (CREDENTIAL_HEADERS.has(name) && !slotNames.has(name) && name !== 'cookie' && !isPlaceholder(value)) {
      problems.push(`security: header ${name} holds a value other than the placeholder "${PLACEHOLDER}": pacts must never carry credentials`);
    }
  }
  return problems;
}

/** The documented response for a status: exact code, then its class (2XX), then default. */
export function findResponse(responses: ResponseSpec[], status: number): ResponseSpec | undefined {
  return (
    responses.find((r) => r.status === String(status)) ??
    responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`) ??
    responses.find((r) => r.status === 'default')
  );
}

/** The media entry for a content type: exact base type, then wildcards (application/*, * / *); JSON when none is named. */
export function pickMedia(content: MediaContent[], contentType: string | undefined): MediaContent | undefined {
  const base = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const [major] = base.split('/');
  return (
    content.find((c) => c.mediaType.toLowerCase() === base) ??
    content.find((c) => c.mediaType.toLowerCase() === `${major}/*`) ??
    content.find((c) => c.mediaType === '*/*') ??
    (contentType === undefined ? content.find((c) => isJsonType(c.mediaType)) : undefined)
  );
}
