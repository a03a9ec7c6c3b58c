import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../openapi/model.ts';
import { toValidationSchema, type SchemaUse } from './json-schema.ts';

export interface SchemaCheck {
  valid: boolean;
  /** Readable problems: "$.ownerId must be integer". */
  errors: string[];
}

type AnyAjv = Ajv | Ajv2020;
const instances = new Map<string, AnyAjv>();
const compiled = new WeakMap<JsonSchema, Map<SchemaUse, ValidateFunction | Error>>();

function ajvFor(specVersion: string): AnyAjv {
  const key = specVersion === '3.1' ? '2020' : '7';
  let ajv = instances.get(key);
  if (!ajv) {
    const options = { strict: false, allErrors: true, validateFormats: true, logger: false } as const;
    ajv = key === '2020' ? new Ajv2020(options) : new Ajv(options);
    (addFormats as unknown as (a: AnyAjv) => void)(ajv);
    for (const f of ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte']) if (!ajv.formats[f]) ajv.addFormat(f, true);
    instances.set(key, ajv);
  }
  return ajv;
}

/** Validates a value against an OpenAPI schema used as `use` says (see json-schema.ts). */
export function validateAgainst(schema: JsonSchema, value: unknown, use: SchemaUse, specVersion = '3.0'): SchemaCheck {
  let byUse = compiled.get(schema);
  if (!byUse) compiled.set(schema, (byUse = new Map()));
  let fn = byUse.get(use);
  if (!fn) {
    try {
      fn = ajvFor(specVersion).compile(toValidationSchema(schema, use));
    } catch (e) {
      fn = e as Error;
    }
    byUse.set(use, fn);
  }
  if (fn instanceof Error) return { valid: true, errors: [`schema not checked (${fn.message.split('\n')[0]})`] };
  const valid = fn(value) as boolean;
  return { valid, errors: valid ? [] : describeErrors(fn.errors ?? []) };
}

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
