import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports a module of the user's project: the config, provider-state handlers. TypeScript loads through tsx,
 * scoped to this import, as the module system the project's package.json gives it: CommonJS (npm's default)
 * through tsx's require, ESM ("type": "module", .mts) through tsx's import. Picking the loader matters inside
 * Playwright's workers, whose own loader hooks would otherwise hand tsx a CommonJS file untransformed. A
 * CommonJS module's exports are unwrapped, so `default` and named exports read the same either way.
 */
export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  if (!/\.[cm]?ts$/.test(path)) return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  if (isCommonJs(path)) {
    const { require: tsxRequire } = await import('tsx/cjs/api');
    const exports = tsxRequire(path, import.meta.url) as ({ __esModule?: boolean } & Record<string, unknown>) | undefined;
    return exports?.__esModule ? exports : { default: exports };
  }
  const { tsImport } = await import('tsx/esm/api');
  const loaded = (await tsImport(pathToFileURL(path).href, import.meta.url)) as { default?: { __esModule?: boolean } & Record<string, unknown> };
  const inner = loaded.default;
  return inner && typeof inner === 'object' && inner.__esModule ? inner : loaded;
}

const SCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * A module path as a config writes it, or, when no such file exists, the same module with another script
 * extension: `./contracts/provider-states.ts` of an example also names its compiled `.js` in gateproof's
 * package, and an extensionless path resolves as an import would. The path as written when none exists (the
 * caller's error names what the config said).
 */
export function existingModule(path: string): string {
  if (existsSync(path)) return path;
  const base = path.replace(/\.[cm]?[jt]s$/, '');
  return SCRIPT_EXTENSIONS.map((ext) => `${base}${ext}`).find((candidate) => existsSync(candidate)) ?? path;
}

/** Node's rule: .cts is CommonJS, .mts is ESM, .ts follows the nearest package.json's "type" (CommonJS without one). */
function isCommonJs(path: string): boolean {
  if (path.endsWith('.cts')) return true;
  if (path.endsWith('.mts')) return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type !== 'module';
    if (dirname(dir) === dir) return true;
  }
}
