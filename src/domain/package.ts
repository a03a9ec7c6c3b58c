import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where gateproof's own files are, the same from a checkout (TypeScript sources run through tsx) and from the
 * installed package (node_modules/gateproof, JavaScript compiled into dist/ by `npm pack`):
 *
 *   package root   the folder of gateproof's package.json (version, pinned k6), ci/ and scenarios/ (k6 scripts)
 *   code root      where the running modules are: the checkout itself, or <package root>/dist; the runnable
 *                  mirrors of src/, suites/, examples/ and contracts/ live under it with the extension of the
 *                  running code (.ts in a checkout, .js installed)
 */
export interface PackageLayout {
  root: string;
  codeRoot: string;
  /** '.ts' from a checkout, '.js' from the installed package. */
  codeExt: '.ts' | '.js';
  /** package.json's version. */
  version: string;
  /** package.json `gateproof.k6Version`, e.g. v2.2.0. */
  k6Version: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  gateproof?: { k6Version?: string };
}

/** Walks up from `from` to gateproof's package.json (its own: another package's package.json on the way is skipped). */
export function packageLayout(from = fileURLToPath(import.meta.url)): PackageLayout {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const pkg = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PackageJson) : undefined;
    if (pkg?.name === 'gateproof') {
      const compiled = relative(dir, from).split(sep)[0] === 'dist';
      return {
        root: dir,
        codeRoot: compiled ? join(dir, 'dist') : dir,
        codeExt: extname(from) === '.js' ? '.js' : '.ts',
        version: pkg.version ?? '0.0.0',
        k6Version: pkg.gateproof?.k6Version ?? 'v2.2.0',
      };
    }
    if (dirname(dir) === dir) throw new Error(`gateproof's package.json not found above ${from}`);
  }
}

export const PACKAGE = packageLayout();

/** A file of the package root: packageFile('ci', 'github') -> <root>/ci/github. */
export const packageFile = (...segments: string[]): string => join(PACKAGE.root, ...segments);

/** A module of the running code, named without extension: codeModule('suites/playwright.config') -> .../suites/playwright.config.{ts,js}. */
export const codeModule = (path: string): string => join(PACKAGE.codeRoot, `${path}${PACKAGE.codeExt}`);

/**
 * How to run a module of the package in a child Node process: compiled JavaScript runs as is, a TypeScript
 * source (checkout) through bin/run-ts.js (tsx).
 */
export const nodeArgsFor = (module: string): string[] => (module.endsWith('.ts') ? [packageFile('bin', 'run-ts.js'), module] : [module]);
