/**
 * `npm run build` (run by `npm pack` / `npm publish` through prepack): compiles what runs in Node to
 * JavaScript with declarations in dist/, mirroring the checkout's layout (dist/src, dist/suites,
 * dist/examples, dist/contracts, dist/scenarios/lib), and copies the data files the compiled examples read.
 * Relative imports keep their `.ts` in the sources; tsc rewrites them to `.js` (rewriteRelativeImportExtensions).
 * A checkout needs none of this: bin/gateproof.js runs the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { PACKAGE } from '../src/domain/package.ts';

const root = PACKAGE.root;
const dist = join(root, 'dist');
const started = performance.now();

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${compiled.status})\n`);
  process.exit(1);
}

// The examples' data files beside their compiled configs: specs (named relative to the config) and .env.example.
for (const file of walk(join(root, 'examples')).filter((f) => !f.endsWith('.ts'))) {
  const target = join(dist, relative(root, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}

// Examples and the bundled consumer tests are run, never imported by users: no declarations for them.
for (const dir of ['examples', 'contracts']) for (const file of walk(join(dist, dir))) if (file.endsWith('.d.ts')) rmSync(file);

process.stdout.write(`build: dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
