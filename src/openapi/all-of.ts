/**
 * allOf flattened into one schema: properties merged, required united, the tightest bounds kept, and closed
 * when any part is closed. `Pet = allOf[NewPet, {id}]` with `additionalProperties: false` on a part means the
 * union of the parts' properties: taken literally no object could pass. The sampler and the schema service
 * both read allOf through this.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function mergeAllOf(schema: Obj): Obj {
  const { allOf, ...base } = schema;
  let merged: Obj = { ...base };
  for (const part of (Array.isArray(allOf) ? allOf : []).filter(isObj)) merged = mergeTwo(merged, Array.isArray(part.allOf) ? mergeAllOf(part) : part);
  return merged;
}

function mergeTwo(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a, ...b };
  if (isObj(a.properties) || isObj(b.properties)) out.properties = { ...(a.properties as Obj), ...(b.properties as Obj) };
  if (Array.isArray(a.required) || Array.isArray(b.required))
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  for (const k of ['minimum', 'minLength', 'minItems'] as const)
    if (num(a[k]) !== undefined && num(b[k]) !== undefined) out[k] = Math.max(a[k] as number, b[k] as number);
  for (const k of ['maximum', 'maxLength', 'maxItems'] as const)
    if (num(a[k]) !== undefined && num(b[k]) !== undefined) out[k] = Math.min(a[k] as number, b[k] as number);
  return out;
}
