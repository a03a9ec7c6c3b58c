import type { JsonSchema } from '../../openapi/model.ts';
import { schemaValidator, type SpecVersion } from '../../openapi/schemas.ts';

/** Problems of a JSON value against a response schema (at most `max`), or a note that the schema cannot be compiled. */
export function schemaProblems(schema: JsonSchema, value: unknown, version: SpecVersion = '3.0', max = 3): { problems: string[]; uncheckable?: string } {
  const validate = schemaValidator(schema, 'literal', version);
  if (validate instanceof Error) return { problems: [], uncheckable: `the response schema cannot be compiled (${validate.message.split('\n')[0]})` };
  if (validate(value)) return { problems: [] };
  const errors = (validate.errors ?? []).slice(0, max).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  return { problems: errors.length ? errors : ['does not match the schema'] };
}
