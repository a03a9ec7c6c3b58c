import { en, Faker } from '@faker-js/faker';
import type { JsonSchema } from './model.ts';
import { sampleFromPattern } from './sample-pattern.ts';

/**
 * A schema-valid sample value for a (dereferenced) JSON Schema / OpenAPI schema, reproducible from a seed.
 * Used for mock and echo bodies in the local gateway and for request data in the gate's route checks.
 * Handles allOf/oneOf/anyOf, enum/const, examples, formats (uuid, date, date-time, email, uri, ...),
 * pattern, min/max bounds, required and additionalProperties.
 */
export function sampleFromSchema(schema: JsonSchema | undefined, seed: number | Faker = 1): unknown {
  const faker = typeof seed === 'number' ? seededFaker(seed) : seed;
  return sample(schema ?? {}, faker, 0);
}

export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

type Obj = Record<string, unknown>;
const MAX_DEPTH = 8;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function sample(schema: Obj, faker: Faker, depth: number): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.allOf)) return sample(mergeAll(schema), faker, depth);
  const choice = (Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined)?.filter(isObj);
  if (choice && choice.length > 0) {
    const { oneOf: _o, anyOf: _a, ...rest } = schema;
    return sample(mergeAll({ ...rest, allOf: [choice[0]!] }), faker, depth);
  }
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : sampleObject(schema, faker, depth);
    case 'array':
      return depth >= MAX_DEPTH ? [] : sampleArray(schema, faker, depth);
    case 'integer':
      return sampleNumber(schema, faker, true);
    case 'number':
      return sampleNumber(schema, faker, false);
    case 'boolean':
      return faker.datatype.boolean();
    case 'null':
      return null;
    default:
      return sampleString(schema, faker);
  }
}

function typeOf(schema: Obj): string {
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  if (typeof type === 'string') return type;
  if (isObj(schema.properties) || schema.required || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return 'string';
}

/** allOf flattened into one schema: properties merged, required united, the tightest bounds kept. */
function mergeAll(schema: Obj): Obj {
  const { allOf, ...base } = schema;
  let merged: Obj = { ...base };
  for (const part of (allOf as unknown[]).filter(isObj)) {
    const flat = Array.isArray(part.allOf) ? mergeAll(part) : part;
    merged = mergeTwo(merged, flat);
  }
  return merged;
}

function mergeTwo(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a, ...b };
  if (isObj(a.properties) || isObj(b.properties)) out.properties = { ...(a.properties as Obj), ...(b.properties as Obj) };
  if (Array.isArray(a.required) || Array.isArray(b.required))
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  // additionalProperties:false on one part would reject the other parts' properties: the union is what is meant.
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  for (const k of ['minimum', 'minLength', 'minItems'] as const)
    if (num(a[k]) !== undefined && num(b[k]) !== undefined) out[k] = Math.max(a[k] as number, b[k] as number);
  for (const k of ['maximum', 'maxLength', 'maxItems'] as const)
    if (num(a[k]) !== undefined && num(b[k]) !== undefined) out[k] = Math.min(a[k] as number, b[k] as number);
  return out;
}

function sampleObject(schema: Obj, faker: Faker, depth: number): Obj {
  const properties = isObj(schema.properties) ? schema.properties : {};
  const out: Obj = {};
  for (const [name, prop] of Object.entries(properties)) {
    if (!isObj(prop) || (prop.readOnly === true && !(schema.required as string[] | undefined)?.includes(name))) continue;
    out[name] = sample(prop, faker, depth + 1);
  }
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!(name in out)) out[name] = isObj(schema.additionalProperties) ? sample(schema.additionalProperties, faker, depth + 1) : faker.lorem.word();
  }
  const minProps = num(schema.minProperties) ?? 0;
  for (let i = 0; Object.keys(out).length < minProps && schema.additionalProperties !== false; i++) {
    out[`extra${i}`] = isObj(schema.additionalProperties) ? sample(schema.additionalProperties, faker, depth + 1) : faker.lorem.word();
  }
  return out;
}

function sampleArray(schema: Obj, faker: Faker, depth: number): unknown[] {
  const min = num(schema.minItems) ?? 0;
  const max = Math.max(min, num(schema.maxItems) ?? min + 2);
  const count = Math.min(max, Math.max(min, Math.min(2, max)));
  if (Array.isArray(schema.items)) return schema.items.filter(isObj).map((s) => sample(s, faker, depth + 1));
  const items = isObj(schema.items) ? schema.items : {};
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count && attempt < count * 10; attempt++) {
    const value = out.length === 0 || !Array.isArray(items.enum) ? sample(items, faker, depth + 1) : items.enum[out.length % items.enum.length];
    const key = JSON.stringify(value);
    if (schema.uniqueItems === true && seen.has(key)) {
      if (out.length >= min) break;
      continue;
    }
    seen.add(key);
    out.push(value);
  }
  return out;
}

function sampleNumber(schema: Obj, faker: Faker, integer: boolean): number {
  let min = num(schema.minimum) ?? (integer ? 1 : 0);
  let max = num(schema.maximum) ?? Math.max(min, 0) + 1000;
  const exMin = schema.exclusiveMinimum;
  const exMax = schema.exclusiveMaximum;
  const step = integer ? 1 : 0.01;
  if (typeof exMin === 'number') min = Math.max(min, exMin + step);
  else if (exMin === true) min += step;
  if (typeof exMax === 'number') max = Math.min(max, exMax - step);
  else if (exMax === true) max -= step;
  if (max < min) max = min;
  const multipleOf = num(schema.multipleOf);
  if (multipleOf && multipleOf > 0) {
    const lo = Math.ceil(min / multipleOf);
    const hi = Math.max(lo, Math.floor(max / multipleOf));
    return faker.number.int({ min: lo, max: hi }) * multipleOf;
  }
  if (integer) return faker.number.int({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  return faker.number.float({ min, max, fractionDigits: 2 });
}

function sampleString(schema: Obj, faker: Faker): string {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength);
  if (typeof schema.pattern === 'string') {
    for (let attempt = 0; attempt < 10; attempt++) {
      const s = sampleFromPattern(schema.pattern, () => faker.number.float({ min: 0, max: 1 - Number.EPSILON }));
      if (s !== undefined && s.length >= minLength && (maxLength === undefined || s.length <= maxLength)) return s;
    }
  }
  const value = formatted(String(schema.format ?? ''), faker) ?? faker.lorem.word();
  return fitLength(value, minLength, maxLength, String(schema.format ?? '') !== '');
}

function formatted(format: string, faker: Faker): string | undefined {
  switch (format) {
    case 'uuid':
      return faker.string.uuid();
    case 'date':
      return faker.date.past({ years: 5, refDate: '2026-01-01T00:00:00Z' }).toISOString().slice(0, 10);
    case 'date-time':
      return faker.date.past({ years: 5, refDate: '2026-01-01T00:00:00Z' }).toISOString();
    case 'time':
      return faker.date.past({ refDate: '2026-01-01T00:00:00Z' }).toISOString().slice(11, 19) + 'Z';
    case 'email':
      return faker.internet.email().toLowerCase();
    case 'uri':
    case 'url':
    case 'uri-reference':
      return `https://${faker.internet.domainName()}/${faker.lorem.word()}`;
    case 'hostname':
      return faker.internet.domainName();
    case 'ipv4':
      return faker.internet.ipv4();
    case 'ipv6':
      return faker.internet.ipv6();
    case 'byte':
      return Buffer.from(faker.lorem.word()).toString('base64');
    case 'int64':
    case 'int32':
      return String(faker.number.int({ min: 1, max: 1000 }));
    default:
      return undefined;
  }
}

/** Pads or cuts a free-text value into [min, max] (formatted values are left alone when they fit). */
function fitLength(value: string, min: number, max: number | undefined, isFormat: boolean): string {
  let s = value;
  if (isFormat && s.length >= min && (max === undefined || s.length <= max)) return s;
  while (s.length < min) s += 'x';
  if (max !== undefined && s.length > max) s = s.slice(0, max);
  return s;
}
