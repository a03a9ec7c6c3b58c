import type { GateproofConfig } from '../config/load.ts';
import { profileBase } from '../config/schema.ts';
import type { DeclaredValidation, ValidationProbe } from '../domain/check.ts';
import type { JsonSchema, Operation } from '../openapi/model.ts';

/**
 * Request validation as a gateway enforces it: which operations it validates (AWS REST request validators
 * from the spec, `x-amazon-apigateway-request-validator` on the operation or as the API default; for any
 * profile, the config's `validation`), and the handful of requests that break a validated operation's
 * contract so that a validating gateway must refuse them. Pure: the plan fixes the probes, the check sends
 * them, the local gateway enforces the same validators.
 */

/** At most this many probes per operation: enough to show each validator works, bounded for the budget. */
export const MAX_PROBES = 6;
const MAX_PARAMETER_PROBES = 2;
const SIMPLE_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);

type ValidationSettings = Pick<GateproofConfig, 'validation' | 'profile'>;

/** What the gateway validates for `op`; undefined when nothing says it validates anything. */
export function declaredValidation(op: Pick<Operation, 'key' | 'requestValidator'>, config: ValidationSettings): DeclaredValidation | undefined {
  const configured = config.validation;
  if (configured && (configured.operations === 'all' || configured.operations.includes(op.key))) {
    return { body: configured.body, parameters: configured.parameters, source: 'config validation' };
  }
  const validator = op.requestValidator;
  if (profileBase(config) !== 'aws-rest' || !validator || !(validator.validateRequestBody || validator.validateRequestParameters)) return undefined;
  return {
    body: validator.validateRequestBody,
    parameters: validator.validateRequestParameters,
    source: `x-amazon-apigateway-request-validator ${validator.name}`,
  };
}

/** Whether the operation has anything a validator could enforce: a JSON body schema or a required query/header parameter. */
export const hasValidatableRequest = (op: Operation): boolean => jsonBodySchema(op) !== undefined || requiredParameters(op).length > 0;

/** The invalid requests for a validated operation, at most MAX_PROBES, in a fixed order. */
export function validationProbes(op: Operation, validation: Pick<DeclaredValidation, 'body' | 'parameters'>): ValidationProbe[] {
  const probes: ValidationProbe[] = [];
  if (validation.parameters) {
    for (const p of requiredParameters(op).slice(0, MAX_PARAMETER_PROBES))
      probes.push({ kind: 'missing-parameter', in: p.in as 'query' | 'header', name: p.name });
  }
  const schema = validation.body ? jsonBodySchema(op) : undefined;
  if (validation.body && op.requestBody?.required) probes.push({ kind: 'empty-body' });
  if (schema) probes.push(...bodyProbes(schema));
  return probes.slice(0, MAX_PROBES);
}

function bodyProbes(schema: JsonSchema): ValidationProbe[] {
  const shape = objectShape(schema);
  const rootType = typeOf(schema);
  if (!shape) return rootType ? [{ kind: 'wrong-type', property: '', expectedType: rootType }] : [];
  const probes: ValidationProbe[] = [];
  const [firstRequired] = shape.required;
  if (firstRequired !== undefined) probes.push({ kind: 'missing-property', property: firstRequired });
  const optional = Object.keys(shape.properties).filter((n) => !shape.required.includes(n));
  const typed = [...shape.required, ...optional].find((n) => typeOf(shape.properties[n]) !== undefined);
  if (typed !== undefined) probes.push({ kind: 'wrong-type', property: typed, expectedType: typeOf(shape.properties[typed])! });
  else if (rootType) probes.push({ kind: 'wrong-type', property: '', expectedType: rootType });
  if (shape.closed) probes.push({ kind: 'extra-property', property: unusedName(shape.properties) });
  return probes;
}

interface ObjectShape {
  properties: Record<string, JsonSchema | undefined>;
  required: string[];
  /** additionalProperties: false */
  closed: boolean;
}

/** The properties, required names and closedness of an object schema (allOf parts merged); undefined otherwise. */
function objectShape(schema: JsonSchema): ObjectShape | undefined {
  const parts = [schema, ...(Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : [])].filter(isObject);
  const isObjectSchema = parts.some((p) => p.type === 'object' || isObject(p.properties));
  if (!isObjectSchema) return undefined;
  const shape: ObjectShape = { properties: {}, required: [], closed: false };
  for (const part of parts) {
    if (isObject(part.properties)) Object.assign(shape.properties, part.properties);
    if (Array.isArray(part.required))
      for (const name of part.required) if (typeof name === 'string' && !shape.required.includes(name)) shape.required.push(name);
    if (part.additionalProperties === false) shape.closed = true;
  }
  return shape;
}

/** A single JSON type the schema insists on (so a value of another type is invalid), else undefined. */
function typeOf(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.type !== 'string' || !SIMPLE_TYPES.has(schema.type)) return undefined;
  if (schema.nullable === true || schema.oneOf !== undefined || schema.anyOf !== undefined) return undefined;
  return schema.type;
}

function unusedName(properties: Record<string, unknown>): string {
  let name = 'gateproofUnexpected';
  for (let i = 2; Object.hasOwn(properties, name); i++) name = `gateproofUnexpected${i}`;
  return name;
}

/** The JSON request body schema, when the operation has one. */
export function jsonBodySchema(op: Pick<Operation, 'requestBody'>): JsonSchema | undefined {
  return op.requestBody?.content.find((c) => /json/i.test(c.mediaType) && c.schema)?.schema;
}

/** Required query and header parameters that are not credentials (a missing credential is auth, not validation). */
function requiredParameters(op: Operation) {
  const credentialNames = new Set([
    'authorization',
    ...op.security.flat().flatMap((item) => (item.scheme.type === 'apiKey' ? [item.scheme.paramName.toLowerCase()] : [])),
  ]);
  return op.parameters.filter((p) => p.required && (p.in === 'query' || p.in === 'header') && !credentialNames.has(p.name.toLowerCase()));
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
