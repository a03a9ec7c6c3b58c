import type { ValidateFunction } from 'ajv';
import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from '../openapi/model.ts';
import { schemaValidator, type SpecVersion } from '../openapi/schemas.ts';
import { ERRORS, type ErrorDef } from './responses.ts';

/**
 * x-amazon-apigateway-request-validator: required parameters present (validateRequestParameters) and the
 * JSON body valid against the operation's schema (validateRequestBody), read by the schema service in the
 * spec's dialect.
 */

interface ValidationInput {
  headers: IncomingHttpHeaders;
  query: () => Record<string, string>;
  body: Buffer;
}
type ValidationFailure = { error: ErrorDef; message: string };
export type RequestCheck = (input: ValidationInput) => ValidationFailure | undefined;

const PASS: RequestCheck = () => undefined;

export function compileRequestCheck(op: Operation, version: SpecVersion): RequestCheck {
  const validator = op.requestValidator;
  if (!validator || (!validator.validateRequestBody && !validator.validateRequestParameters)) return PASS;
  const required = validator.validateRequestParameters ? op.parameters.filter((p) => p.required && (p.in === 'query' || p.in === 'header')) : [];
  const body = validator.validateRequestBody ? op.requestBody : undefined;
  const media = body?.content.find((c) => /json/i.test(c.mediaType) && c.schema) ?? body?.content.find((c) => c.schema);
  let bodyCheck: ValidateFunction | Error | undefined;
  return (input) => {
    if (required.length > 0) {
      const query = required.some((p) => p.in === 'query') ? input.query() : {};
      const missing = required
        .filter((p) => (p.in === 'query' ? query[p.name] === undefined : input.headers[p.name.toLowerCase()] === undefined))
        .map((p) => p.name);
      if (missing.length > 0) return { error: ERRORS.badParameters, message: `Missing required request parameters: [${missing.join(', ')}]` };
    }
    if (!body) return undefined;
    if (input.body.length === 0) return body.required ? { error: ERRORS.badBody, message: ERRORS.badBody.message } : undefined;
    if (!media?.schema || !/json/i.test(media.mediaType)) return undefined;
    bodyCheck ??= schemaValidator(media.schema, 'literal', version);
    // A schema ajv cannot take is not enforced (AWS would have refused to import it).
    if (bodyCheck instanceof Error) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(input.body.toString('utf8'));
    } catch {
      return { error: ERRORS.badBody, message: ERRORS.badBody.message };
    }
    return bodyCheck(value) ? undefined : { error: ERRORS.badBody, message: ERRORS.badBody.message };
  };
}
