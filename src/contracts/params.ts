import type { JsonSchema } from '../openapi/model.ts';

type Obj = Record<string, unknown>;

/**
 * A parameter travels as text; its schema describes the typed value. Turns the raw values into what the schema
 * expects (numbers, booleans, an array for exploded repeats) so ajv can judge them. Text that is not a number
 * stays text, and then fails the schema's type: that is the drift to report.
 */
export function coerceParam(schema: JsonSchema | undefined, values: string[]): unknown {
  const s = (schema ?? {}) as Obj;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'array') {
    const items = (typeof s.items === 'object' && s.items !== null ? s.items : {}) as JsonSchema;
    const parts = values.length === 1 ? (values[0] ?? '').split(',') : values;
    return parts.map((v) => scalar(items, v));
  }
  return scalar(s, values[0] ?? '');
}

function scalar(schema: Obj, value: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
