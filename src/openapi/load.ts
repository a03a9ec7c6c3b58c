import SwaggerParser from '@apidevtools/swagger-parser';
import { resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import type { GatewayModel } from './model.ts';
import { normalizeSpec } from './normalize.ts';
import { isUrl, parseSpecText, readSpecText } from './read.ts';

/** Loads an OpenAPI 3.0/3.1 or Swagger 2.0 document (file or URL), resolves its $refs and normalizes it. */
export async function loadSpec(location: string): Promise<GatewayModel> {
  const source = isUrl(location) ? location : resolve(location);
  const parsed = parseSpecText(await readSpecText(source), source);
  assertOpenApi(parsed, source);
  let resolved: unknown;
  try {
    resolved = await SwaggerParser.dereference(source, structuredClone(parsed) as never, {
      dereference: { circular: 'ignore' },
      // Specs often live on internal hosts: allow them (the ref parser blocks private addresses by default).
      resolve: { http: { timeout: 15_000, safeUrlResolver: false } },
    });
  } catch (e) {
    throw new GateproofError('SPEC_REF', `cannot resolve a $ref: ${firstLine((e as Error).message)}`, {
      where: source,
      hint: 'make every $ref point at an existing file, URL or JSON pointer (e.g. #/components/schemas/Pet)',
      cause: e,
    });
  }
  return normalizeSpec(resolved as Record<string, unknown>, source);
}

function assertOpenApi(doc: unknown, source: string): asserts doc is Record<string, unknown> {
  const fix = 'pass an OpenAPI 3.x or Swagger 2.0 document (with an `openapi: 3.x.y` or `swagger: "2.0"` field)';
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new GateproofError('SPEC_NOT_OPENAPI', 'the document is not an object', { where: source, hint: fix });
  }
  const record = doc as Record<string, unknown>;
  const version = String(record.openapi ?? record.swagger ?? '');
  if (!/^(2\.0|3\.[01])(\.\d+)?/.test(version)) {
    throw new GateproofError(
      'SPEC_NOT_OPENAPI',
      version ? `unsupported OpenAPI/Swagger version "${version}"` : 'the document has no `openapi` or `swagger` field',
      { where: source, hint: fix },
    );
  }
  if (typeof record.paths !== 'object' || record.paths === null) {
    throw new GateproofError('SPEC_INVALID', 'the document has no `paths` object', {
      where: source,
      hint: 'add a `paths:` section describing the API operations',
    });
  }
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;
