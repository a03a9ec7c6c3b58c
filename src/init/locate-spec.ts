import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import { isUrl } from '../openapi/read.ts';

const CANDIDATES = [
  'openapi.yaml',
  'openapi.yml',
  'openapi.json',
  'swagger.yaml',
  'swagger.yml',
  'swagger.json',
  'api/openapi.yaml',
  'api/openapi.json',
  'spec/openapi.yaml',
  'docs/openapi.yaml',
];

/** The spec init reads: --spec (relative to the working directory, or a URL), else a usual file name in the target folder. */
export function locateSpec(dir: string, spec?: string): string {
  if (spec !== undefined) return isUrl(spec) ? spec : resolve(spec);
  const found = CANDIDATES.map((c) => join(dir, c)).find((p) => existsSync(p));
  if (found) return found;
  throw new GateproofError('USAGE', 'no OpenAPI spec found to scaffold from', {
    where: dir,
    hint: `pass --spec <file or URL> (looked for ${CANDIDATES.slice(0, 6).join(', ')})`,
  });
}
