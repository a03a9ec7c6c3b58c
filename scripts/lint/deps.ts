import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Import boundaries between the top-level folders of a source tree, in the spirit of Playwright's DEPS.list:
 * `<root>/DEPS.list` names, for each folder, the folders it may import ("openapi: domain"). A relative import
 * into a folder that is not listed fails, and so does a cycle in the list itself, so the folders stay a
 * layered graph: the data flow reads bottom to top. Top-level files (index.ts) may import anything.
 *
 * Usage: node bin/run-ts.js scripts/lint/deps.ts [root=src]   Exit 1 with one line per violation.
 */

export interface DepsViolation {
  file: string;
  line: number;
  message: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

export function readDepsList(root: string): Map<string, Set<string>> {
  const allowed = new Map<string, Set<string>>();
  for (const raw of readFileSync(join(root, 'DEPS.list'), 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [folder, deps = ''] = line.split(':');
    allowed.set(folder!.trim(), new Set(deps.split(/[\s,]+/).filter(Boolean)));
  }
  return allowed;
}

/** Folders on a cycle of the allowed graph, as readable chains ("a -> b -> a"). */
export function cyclesOf(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(name) ? [path] : [];
  });
}

const topFolder = (root: string, file: string): string | undefined => {
  const parts = relative(root, file).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
};

export function checkDeps(rootDir: string): DepsViolation[] {
  const root = resolve(rootDir);
  const allowed = readDepsList(root);
  const violations: DepsViolation[] = cyclesOf(allowed).map((cycle) => ({ file: join(rootDir, 'DEPS.list'), line: 0, message: `folder cycle: ${cycle}` }));
  for (const file of sourceFiles(root)) {
    const from = topFolder(root, file);
    if (from === undefined) continue;
    const deps = allowed.get(from);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      for (const match of text.matchAll(IMPORT)) {
        const target = resolve(dirname(file), (match[1] ?? match[2])!);
        if (!target.startsWith(root + sep)) continue;
        const to = topFolder(root, target) ?? '(top level)';
        if (to === from) continue;
        const where = relative(process.cwd(), file);
        if (!deps)
          violations.push({
            file: where,
            line: i + 1,
            message: `folder "${from}" is not in ${join(rootDir, 'DEPS.list')}: add it with the folders it may import`,
          });
        else if (!deps.has(to))
          violations.push({
            file: where,
            line: i + 1,
            message: `"${from}" may not import "${to}" (${relative(root, target)}); allowed: ${[...deps].join(', ') || 'nothing'} (src/DEPS.list)`,
          });
      }
    });
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const violations = checkDeps(process.argv[2] ?? 'src');
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length > 0) process.exit(1);
  console.log('deps: folder boundaries hold, no folder cycles');
}
