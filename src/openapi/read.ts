import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { GateproofError } from '../domain/errors.ts';

export const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

/** Reads a spec's text from a file or an http(s) URL; errors name the location and the fix. */
export async function readSpecText(location: string): Promise<string> {
  if (!isUrl(location)) {
    try {
      return await readFile(location, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new GateproofError('SPEC_FETCH', code === 'ENOENT' ? 'spec file not found' : `cannot read spec (${code})`, {
        where: location,
        hint: 'point `spec` in the config (or --spec) at an existing OpenAPI/Swagger file',
      });
    }
  }
  let response: Response;
  try {
    response = await fetch(location, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  } catch (e) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new GateproofError('SPEC_FETCH', `cannot fetch spec (${reason})`, {
      where: location,
      hint: 'check the URL and that the host is reachable, or download the spec and pass its file path with --spec',
      cause: e,
    });
  }
  if (!response.ok) {
    throw new GateproofError('SPEC_FETCH', `fetching spec answered HTTP ${response.status}`, {
      where: location,
      hint: 'check the URL (and any credentials it needs), or pass a local file with --spec',
    });
  }
  return response.text();
}

/** Parses YAML or JSON (YAML is a superset); syntax errors carry the line and column. */
export function parseSpecText(text: string, location: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      // fall through: the YAML parser reports JSON errors with line and column
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    const where = pos ? `${location}:${pos.line}:${pos.col}` : location;
    throw new GateproofError('SPEC_SYNTAX', `syntax error: ${error.message.split('\n')[0]}`, {
      where,
      hint: 'fix the YAML/JSON syntax at that line (a linter such as `npx @redocly/cli lint` shows more)',
    });
  }
  return doc.toJS({ maxAliasCount: 1000 });
}
