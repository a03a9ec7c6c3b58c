import type { JsonSchema } from '../openapi/model.ts';
import { describeErrors, schemaValidator, type SchemaUse, type SpecVersion } from '../openapi/schemas.ts';

export interface SchemaCheck {
  valid: boolean;
  /** Readable problems: "$.ownerId must be integer". */
  errors: string[];
}

/** Validates a pact's value against an OpenAPI schema used as `use` says (see openapi/schemas.ts). */
export function validateAgainst(schema: JsonSchema, value: unknown, use: SchemaUse, version: SpecVersion = '3.0'): SchemaCheck {
  const fn = schemaValidator(schema, use, version);
  if (fn instanceof Error) return { valid: true, errors: [`schema not checked (${fn.message.split('\n')[0]})`] };
  const valid = fn(value) as boolean;
  return { valid, errors: valid ? [] : describeErrors(fn.errors ?? []) };
}
