import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../../openapi/model.ts';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false }));
const compiled = new WeakMap<object, ValidateFunction | Error>();

/**
 * Problems of a JSON value against a response schema (at most `max`), or a note that the schema cannot be
 * compiled. OpenAPI 3.0 spellings ajv does not take (boolean exclusiveMinimum/Maximum) are converted first;
 * `nullable` ajv understands itself. Validators compile once per schema object.
 */
export function schemaProblems(schema: JsonSchema, value: unknown, max = 3): { problems: string[]; uncheckable?: string } {
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(toJsonSchema(schema) as JsonSchema);
    } catch (e) {
      validate = e as Error;
    }
    compiled.set(schema, validate);
  }
  if (validate instanceof Error) return { problems: [], uncheckable: `the response schema cannot be compiled (${validate.message.split('\n')[0]})` };
  if (validate(value)) return { problems: [] };
  const errors = (validate.errors ?? []).slice(0, max).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  return { problems: errors.length ? errors : ['does not match the schema'] };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * OpenAPI 3.0 schema -> JSON Schema ajv compiles (recursively); ids dropped so shared objects never clash.
 * An allOf whose parts close themselves (additionalProperties: false) means the union of their properties
 * (`Pet = allOf[NewPet, {id, status}]`); taken literally no object could pass, so it is merged.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObj(schema)) return schema;
  if (Array.isArray(schema.allOf) && flatParts(schema).some((p) => p.additionalProperties === false)) return toJsonSchema(mergeClosedAllOf(schema));
  const out: Obj = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || key === '$schema') continue;
    out[key] = key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || key === 'default' ? value : toJsonSchema(value);
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return out;
}

function flatParts(schema: Obj): Obj[] {
  return (schema.allOf as unknown[]).filter(isObj).flatMap((p) => (Array.isArray(p.allOf) ? [p, ...flatParts(p)] : [p]));
}

function mergeClosedAllOf(schema: Obj): Obj {
  const { allOf: _parts, ...base } = schema;
  const merged: Obj = {
    ...base,
    type: 'object',
    additionalProperties: false,
    properties: { ...(isObj(base.properties) ? base.properties : {}) },
    required: [...(Array.isArray(base.required) ? base.required : [])],
  };
  for (const part of flatParts(schema)) {
    const { allOf: _nested, properties, required, additionalProperties: _closed, ...rest } = part;
    Object.assign(merged, rest, { type: 'object', additionalProperties: false });
    if (isObj(properties)) Object.assign(merged.properties as Obj, properties);
    if (Array.isArray(required)) merged.required = [...new Set([...(merged.required as string[]), ...(required as string[])])];
  }
  return merged;
}
