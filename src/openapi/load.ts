import SwaggerParser from '@apidevtools/swagger-parser';
import { resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import type { GatewayModel, SpecWarning } from './model.ts';
import { normalizeSpec } from './normalize.ts';
import { isUrl, parseSpecText, readSpecText } from './read.ts';

/**
 * Loads an OpenAPI 3.0/3.1 or Swagger 2.0 document (file or URL), resolves its $refs and normalizes it.
 * Recursive schemas stay recursive (object cycles; samplers and validators bound them): nothing is left
 * unresolved or dropped. What the loader had to read generously is in the model's `warnings`.
 */
export async function loadSpec(location: string): Promise<GatewayModel> {
  const source = isUrl(location) ? location : resolve(location);
  const parsed = parseSpecText(await readSpecText(source), source);
  const { doc, warnings } = readableDocument(parsed, source);
  let resolved: unknown;
  try {
    resolved = await SwaggerParser.dereference(source, doc as never, {
      dereference: { circular: true },
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
  const model = normalizeSpec(resolved as Record<string, unknown>, source);
  return { ...model, warnings: [...warnings, ...model.warnings] };
}

/**
 * The document as the ref parser needs it (a copy), or an error naming what makes it no OpenAPI document.
 * Tolerated with a warning: a version written as a YAML number (`swagger: 2.0` reads as 2), and an OAS 3.1
 * document without `paths` (3.1 makes them optional: only webhooks or components).
 */
function readableDocument(parsed: unknown, source: string): { doc: Record<string, unknown>; warnings: SpecWarning[] } {
  const fix = 'pass an OpenAPI 3.x or Swagger 2.0 document (with an `openapi: 3.x.y` or `swagger: "2.0"` field)';
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new GateproofError('SPEC_NOT_OPENAPI', 'the document is not an object', { where: source, hint: fix });
  }
  const doc = structuredClone(parsed) as Record<string, unknown>;
  const warnings: SpecWarning[] = [];
  const field = doc.swagger !== undefined ? 'swagger' : 'openapi';
  const raw = doc[field];
  const version = typeof raw === 'number' ? (Number.isInteger(raw) ? raw.toFixed(1) : String(raw)) : String(raw ?? '');
  if (!/^(2\.0|3\.[01])(\.\d+)?$/.test(version)) {
    throw new GateproofError(
      'SPEC_NOT_OPENAPI',
      raw !== undefined ? `unsupported OpenAPI/Swagger version "${version}"` : 'the document has no `openapi` or `swagger` field',
      { where: source, hint: fix },
    );
  }
  if (typeof raw === 'number') {
    doc[field] = version;
    warnings.push({ message: `the ${field} version is written as a YAML number (${raw}); read as "${version}" (quote it: ${field}: "${version}")` });
  }
  if (typeof doc.paths !== 'object' || doc.paths === null) {
    if (!version.startsWith('3.1')) {
      throw new GateproofError('SPEC_INVALID', 'the document has no `paths` object', {
        where: source,
        hint: 'add a `paths:` section describing the API operations',
      });
    }
    doc.paths = {};
  }
  return { doc, warnings };
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;
