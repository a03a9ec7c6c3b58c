import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { IncomingHttpHeaders } from 'node:http';
import type { JsonSchema, Operation } from '../openapi/model.ts';
import { ERRORS, type ErrorDef } from './responses.ts';

/**
 * x-amazon-apigateway-request-validator: required parameters present (validateRequestParameters) and the
 * JSON body valid against the operation's schema (validateRequestBody). Validators compile once per
 * operation and are cached.
 */

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
const ajv = addFormats(new Ajv({ strict: false, allErrors: false, logger: false }));
const compiled = new WeakMap<object, ValidateFunction | null>();

/** A compiled ajv validator for a schema, or undefined when the schema cannot be compiled. */
export function compileSchema(schema: JsonSchema): ValidateFunction | undefined {
  let fn = compiled.get(schema);
  if (fn === undefined) {
    try {
      fn = ajv.compile(stripIds(schema));
    } catch {
      fn = null;
    }
    compiled.set(schema, fn);
  }
  return fn ?? undefined;
}

/** Dereferenced specs reuse one object in many places: a copy without $id/$schema avoids ajv id clashes. */
function stripIds(schema: JsonSchema): JsonSchema {
  const { $id: _id, $schema: _s, ...rest } = schema;
  return rest;
}

export interface ValidationInput {
  headers: IncomingHttpHeaders;
  query: () => Record<string, string>;
  body: Buffer;
}
export type ValidationFailure = { error: ErrorDef; message: string };
export type RequestCheck = (input: ValidationInput) => ValidationFailure | undefined;

const PASS: RequestCheck = () => undefined;

export function compileRequestCheck(op: Operation): RequestCheck {
  const validator = op.requestValidator;
  if (!validator || (!validator.validateRequestBody && !validator.validateRequestParameters)) return PASS;
  const required = validator.validateRequestParameters ? op.parameters.filter((p) => p.required && (p.in === 'query' || p.in === 'header')) : [];
  const body = validator.validateRequestBody ? op.requestBody : undefined;
  const media = body?.content.find((c) => /json/i.test(c.mediaType) && c.schema) ?? body?.content.find((c) => c.schema);
  let bodyCheck: ValidateFunction | undefined | null = null;
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
    if (bodyCheck === null) bodyCheck = compileSchema(media.schema);
    if (!bodyCheck) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(input.body.toString('utf8'));
    } catch {
      return { error: ERRORS.badBody, message: ERRORS.badBody.message };
    }
    return bodyCheck(value) ? undefined : { error: ERRORS.badBody, message: ERRORS.badBody.message };
  };
}
