import type { JsonSchema } from '../openapi/model.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_DEPTH = 32;

/**
 * What a schema is used for when a pact is compared with it:
 * - `request`: the consumer sends this value, so it must satisfy the schema as written (readOnly fields are not
 *   required of it).
 * - `expectation`: the consumer expects this (partial) value back. It may name fewer fields than the provider
 *   sends and only one example array item, so `required` and item/property counts are dropped; but it must not
 *   rely on a field the schema does not document, so objects without an explicit `additionalProperties` become
 *   closed, and `oneOf` becomes `anyOf` (a partial object may fit several branches).
 */
export type SchemaUse = 'request' | 'expectation';

/** An OpenAPI schema (dereferenced) turned into the JSON Schema ajv validates with. Pure; the input is not modified. */
export function toValidationSchema(schema: JsonSchema, use: SchemaUse): JsonSchema {
  return convert(schema, use, 0);
}

function convert(schema: Obj, use: SchemaUse, depth: number): Obj {
  if (depth > MAX_DEPTH) return {};
  const flat = Array.isArray(schema.allOf) && schema.allOf.every(isObj) && schema.allOf.length > 0 ? mergeAllOf(schema) : schema;
  const out: Obj = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key.startsWith('x-') || key === 'example' || key === 'examples' || key === 'discriminator' || key === 'xml' || key === 'externalDocs') continue;
    out[key] = value;
  }
  if (isObj(flat.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(flat.properties)
        .filter(([, v]) => isObj(v))
        .map(([k, v]) => [k, convert(v as Obj, use, depth + 1)]),
    );
  }
  if (isObj(flat.items)) out.items = convert(flat.items, use, depth + 1);
  if (isObj(flat.additionalProperties)) out.additionalProperties = convert(flat.additionalProperties, use, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(flat[key])) out[key] = (flat[key] as unknown[]).filter(isObj).map((s) => convert(s, use, depth + 1));
  }
  if (isObj(flat.not)) out.not = convert(flat.not, use, depth + 1);
  return use === 'expectation' ? relaxForExpectation(out) : closeReadOnly(out);
}

function relaxForExpectation(schema: Obj): Obj {
  const { required: _r, minItems: _mi, maxItems: _ma, minProperties: _mp, maxProperties: _mx, oneOf, ...rest } = schema;
  const out: Obj = { ...rest };
  if (oneOf !== undefined) out.anyOf = oneOf;
  const isObject = out.type === 'object' || isObj(out.properties);
  if (isObject && out.additionalProperties === undefined && isObj(out.properties)) out.additionalProperties = false;
  return out;
}

/** A request need not carry readOnly properties even when they are required. */
function closeReadOnly(schema: Obj): Obj {
  if (!Array.isArray(schema.required) || !isObj(schema.properties)) return schema;
  const props = schema.properties;
  const required = (schema.required as string[]).filter((name) => !(isObj(props[name]) && (props[name] as Obj).readOnly === true));
  return { ...schema, required };
}

/** allOf of object schemas flattened: properties merged, required united, closed when any part is closed. */
export function mergeAllOf(schema: Obj): Obj {
  const { allOf, ...base } = schema;
  let merged: Obj = { ...base };
  for (const part of (allOf as Obj[]).map((p) => (Array.isArray(p.allOf) ? mergeAllOf(p) : p))) {
    const next: Obj = { ...merged, ...part };
    if (isObj(merged.properties) || isObj(part.properties)) next.properties = { ...(merged.properties as Obj), ...(part.properties as Obj) };
    if (Array.isArray(merged.required) || Array.isArray(part.required)) {
      next.required = [...new Set([...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])])];
    }
    if (merged.additionalProperties === false || part.additionalProperties === false) next.additionalProperties = false;
    merged = next;
  }
  return merged;
}
