import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { mergeAllOf } from './all-of.ts';
import type { GatewayModel, JsonSchema } from './model.ts';

/**
 * The one schema service: OpenAPI schemas (dereferenced) turned into JSON Schema and compiled with the dialect
 * of the spec's version (OAS 3.1: JSON Schema 2020-12; 3.0 and Swagger 2.0: draft-07 with OpenAPI's boolean
 * exclusiveMinimum/Maximum converted), cached per schema object, use and dialect. The gate, the local gateway
 * and the contract checks validate through it, so one spec is read the same way everywhere.
 *
 * What a schema is used for:
 * - `literal`: the value must satisfy the schema as written (responses, gateway request validation).
 * - `request`: a client sends this value: readOnly properties are not required of it.
 * - `expectation`: a consumer expects this (partial) value back. It may name fewer fields than the provider
 *   sends and only one example array item, so `required` and item/property counts are dropped; but it must not
 *   rely on a field the schema does not document, so objects without an explicit `additionalProperties` become
 *   closed, and `oneOf` becomes `anyOf` (a partial object may fit several branches).
 */

export type SchemaUse = 'literal' | 'request' | 'expectation';
export type SpecVersion = GatewayModel['specVersion'];

type Obj = Record<string, unknown>;
type AnyAjv = Ajv | Ajv2020;
type FormatsPlugin = (ajv: AnyAjv) => AnyAjv;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte'];
const DROPPED_KEYS = new Set(['$id', '$schema', 'example', 'examples', 'discriminator', 'xml', 'externalDocs']);
const VERBATIM_KEYS = new Set(['enum', 'const', 'default']);

const dialects = new Map<'2020' | '7', AnyAjv>();
const compiled = new WeakMap<object, Map<string, ValidateFunction | Error>>();

function ajvFor(version: SpecVersion): AnyAjv {
  const key = version === '3.1' ? '2020' : '7';
  let ajv = dialects.get(key);
  if (!ajv) {
    const options = { strict: false, allErrors: true, validateFormats: true, logger: false } as const;
    ajv = addFormats(key === '2020' ? new Ajv2020(options) : new Ajv(options));
    for (const format of OPENAPI_FORMATS) if (!ajv.formats[format]) ajv.addFormat(format, true);
    dialects.set(key, ajv);
  }
  return ajv;
}

/** The compiled validator of a schema for a use, or the compile error (a schema ajv cannot take). */
export function schemaValidator(schema: JsonSchema, use: SchemaUse = 'literal', version: SpecVersion = '3.0'): ValidateFunction | Error {
  let byUse = compiled.get(schema);
  if (!byUse) compiled.set(schema, (byUse = new Map()));
  const key = `${use} ${version}`;
  let fn = byUse.get(key);
  if (!fn) {
    try {
      fn = ajvFor(version).compile(toValidationSchema(schema, use, version));
    } catch (e) {
      fn = e as Error;
    }
    byUse.set(key, fn);
  }
  return fn;
}

/**
 * An OpenAPI schema as the JSON Schema ajv validates with. Pure. A recursive schema (the loader keeps it as a
 * cycle of objects) becomes a definition that refers to itself (`$ref`), so recursive data is validated to
 * any depth.
 */
export function toValidationSchema(schema: JsonSchema, use: SchemaUse = 'literal', version: SpecVersion = '3.0'): JsonSchema {
  return acyclic(convert(schema, use, version, new Map()), version === '3.1' ? '$defs' : 'definitions');
}

/** Converts each schema object once (memoized), so shared objects stay shared and cycles stay cycles. */
function convert(schema: Obj, use: SchemaUse, version: SpecVersion, memo: Map<object, Obj>): Obj {
  const known = memo.get(schema);
  if (known) return known;
  const out: Obj = {};
  memo.set(schema, out);
  const flat = Array.isArray(schema.allOf) && schema.allOf.length > 0 && schema.allOf.every(isObj) ? mergeAllOf(schema) : schema;
  for (const [key, value] of Object.entries(flat)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue;
    out[key] = VERBATIM_KEYS.has(key) ? value : convertValue(value, use, version, memo, key);
  }
  if (version !== '3.1') convertExclusiveBounds(out);
  const final = use === 'expectation' ? relaxForExpectation(out) : use === 'request' ? withoutRequiredReadOnly(out) : out;
  // In place: schemas converted meanwhile may already refer to `out` (recursion).
  if (final !== out) {
    for (const key of Object.keys(out)) delete out[key];
    Object.assign(out, final);
  }
  return out;
}

function convertValue(value: unknown, use: SchemaUse, version: SpecVersion, memo: Map<object, Obj>, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => (isObj(v) ? convert(v, use, version, memo) : v));
  if (!isObj(value)) return value;
  // Maps of schemas (properties, patternProperties, $defs...) keep their names; a schema converts itself.
  if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions' || key === 'dependentSchemas') {
    return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, isObj(sub) ? convert(sub, use, version, memo) : sub]));
  }
  return convert(value, use, version, memo);
}

/**
 * The converted graph without cycles: each schema that reaches itself is hoisted into the root's definitions
 * and referenced there by `$ref`; schemas shared without recursion stay shared. Pure.
 */
function acyclic(root: Obj, definitionsKey: '$defs' | 'definitions'): Obj {
  const recursive = recursiveNodes(root);
  if (recursive.size === 0) return root;
  const names = new Map([...recursive].map((node, i) => [node, `gateproof-recursive-${i}`] as const));
  const ref = (node: object): Obj => ({ $ref: `#/${definitionsKey}/${names.get(node)!}` });
  const copies = new Map<object, Obj>();
  const copy = (node: unknown, inline = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => copy(n));
    if (!isObj(node)) return node;
    if (names.has(node) && !inline) return ref(node);
    const known = copies.get(node);
    if (known) return known;
    const out: Obj = {};
    if (!names.has(node)) copies.set(node, out);
    for (const [key, value] of Object.entries(node)) out[key] = VERBATIM_KEYS.has(key) ? value : copy(value);
    return out;
  };
  const definitions = Object.fromEntries([...names].map(([node, name]) => [name, copy(node, true)]));
  const top = recursive.has(root) ? { allOf: [ref(root)] } : (copy(root, true) as Obj);
  return { ...top, [definitionsKey]: { ...(isObj(top[definitionsKey]) ? top[definitionsKey] : {}), ...definitions } };
}

/** The objects of a graph that can reach themselves. */
function recursiveNodes(root: unknown): Set<object> {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const found = new Set<object>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObj(node) || done.has(node)) return;
    if (onPath.has(node)) {
      found.add(node);
      return;
    }
    onPath.add(node);
    for (const [key, value] of Object.entries(node)) if (!VERBATIM_KEYS.has(key)) visit(value);
    onPath.delete(node);
    done.add(node);
  };
  visit(root);
  return found;
}

/** OpenAPI 3.0 / Swagger 2.0 `exclusiveMinimum: true` + `minimum: n` -> JSON Schema `exclusiveMinimum: n`. */
function convertExclusiveBounds(out: Obj): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
}

function relaxForExpectation(schema: Obj): Obj {
  const { required: _r, minItems: _mi, maxItems: _ma, minProperties: _mp, maxProperties: _mx, oneOf, ...rest } = schema;
  const out: Obj = { ...rest };
  if (oneOf !== undefined) out.anyOf = oneOf;
  const isObject = out.type === 'object' || isObj(out.properties);
  if (isObject && out.additionalProperties === undefined && isObj(out.properties)) out.additionalProperties = false;
  return out;
}

function withoutRequiredReadOnly(schema: Obj): Obj {
  if (!Array.isArray(schema.required) || !isObj(schema.properties)) return schema;
  const props = schema.properties;
  const required = (schema.required as string[]).filter((name) => !(isObj(props[name]) && (props[name] as Obj).readOnly === true));
  return { ...schema, required };
}

/** ajv errors as readable lines: "$.ownerId must be integer", "$.tags[0] must be string", "$.b is required". */
export function describeErrors(errors: ErrorObject[]): string[] {
  const out = errors.map((e) => {
    const at = `$${e.instancePath.replace(/\/([^/]+)/g, (_m, seg: string) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg.replace(/~1/g, '/').replace(/~0/g, '~')}`))}`;
    switch (e.keyword) {
      case 'additionalProperties':
        return `${at}.${String((e.params as { additionalProperty?: string }).additionalProperty)} is not in the schema`;
      case 'required':
        return `${at}.${String((e.params as { missingProperty?: string }).missingProperty)} is required`;
      case 'enum':
        return `${at} must be one of ${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)}`;
      default:
        return `${at} ${e.message ?? e.keyword}`;
    }
  });
  return [...new Set(out)];
}
