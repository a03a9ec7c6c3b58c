import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.ts';
import { ROOT } from '../helpers/cli.ts';
import { acceptedFlags } from '../helpers/invocations.ts';

/**
 * Every message gateproof prints (errors, hints, usage, progress, scaffolded files) is a string in src/,
 * suites/ or scenarios/. In a team's repository only `gateproof` commands and the team's own tools exist:
 * no string may send a user to a script of gateproof's checkout, and every `gateproof <command>` a string
 * names must be a command that accepts the flags written after it.
 */
const REPO_ONLY: [RegExp, string][] = [
  [/\bnpm run\b/, 'npm run (scripts exist only in the checkout)'],
  [/\bcontracts:consumers\b/, 'the contracts:consumers script'],
  [/\bscripts\/[\w-]+\.(sh|ts)\b/, 'a script of the checkout'],
  [/\bbin\/(run-ts|gateproof)\.js\b/, 'a bin file of the checkout'],
  [/\bnode bin\//, 'node bin/...'],
  [/in the gateproof (folder|checkout|repo)/, 'the gateproof folder'],
  [/\bnpm install\b(?!\s+(--save-dev|-D)\b)/, "npm install without --save-dev (a team adds packages, it does not install gateproof's)"],
  [/\.cache\/k6\b/, 'the checkout-local k6 cache'],
];

interface Message {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The string literals and template literals of a TypeScript file (template expressions shown as ${}). */
export function messagesOf(file: string, text = readFileSync(file, 'utf8')): Message[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Message[] = [];
  const at = (node: ts.Node, value: string): void => {
    found.push({ file: relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: value });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) at(node, node.text);
    else if (ts.isTemplateExpression(node)) at(node, node.head.text + node.templateSpans.map((s) => `\${}${s.literal.text}`).join(''));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Problems with one message: repo-only commands, and `gateproof <command> --flag` that the CLI would refuse. */
export function problemsOf(message: Message): string[] {
  const where = `${message.file}:${message.line}`;
  const problems = REPO_ONLY.filter(([re]) => re.test(message.text)).map(([, what]) => `${where}: names ${what}: ${message.text.slice(0, 160)}`);
  for (const m of message.text.matchAll(/(?:`|\bnpx\s+)gateproof\s+([^`#(;\n]*)/g)) {
    const [name = '', ...rest] = (m[1] ?? '').trim().split(/\s+/);
    if (!/^[a-z][\w-]*$/.test(name)) continue;
    const command = commands.find((c) => c.name === name);
    if (!command) {
      problems.push(`${where}: \`gateproof ${name}\` is not a command (${commands.map((c) => c.name).join(', ')})`);
      continue;
    }
    const accepted = acceptedFlags(command);
    for (const flag of rest.filter((w) => w.startsWith('--')).map((w) => w.replace(/[=,.:)\]].*$/, ''))) {
      if (!accepted.has(flag)) problems.push(`${where}: \`gateproof ${name}\` has no flag ${flag}`);
    }
  }
  return problems;
}

describe('messages name commands a team can run', () => {
  const files = ['src', 'suites', 'scenarios'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
  const messages = files.flatMap((file) => messagesOf(file));

  it('no string in src/, suites/ or scenarios/ names a script of the checkout, and every gateproof command named exists with its flags', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(messages.length).toBeGreaterThan(1000);
    expect(messages.flatMap(problemsOf)).toEqual([]);
  });

  it('the hints name gateproof commands (setup, init --contracts, contracts verify --regenerate) where the checkout named scripts', () => {
    const named = (command: string): boolean => messages.some((m) => m.text.includes(command));
    for (const command of ['npx gateproof setup', 'gateproof init --contracts', 'gateproof contracts verify --regenerate'])
      expect(named(command), command).toBe(true);
  });

  it('the check catches what it exists for', () => {
    const planted = [
      'const a = "run `npm run setup` to build k6";',
      'const b = `generate them with \\`npm run contracts:consumers\\``;',
      "const c = 'run `gateproof smok --stage dev`';",
      "const d = 'run `npx gateproof smoke --stag dev`';",
      "const e = 'run `npm install` in the gateproof folder';",
      'const f = `try node bin/run-ts.js ${x}`;',
      "const g = 'fine: `npx gateproof smoke --stage dev` and `npm install --save-dev vitest`';",
    ].join('\n');
    const problems = messagesOf(join(ROOT, 'src', 'planted.ts'), planted).flatMap(problemsOf);
    expect(problems.filter((p) => p.includes(':1:'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes(':2:')).length).toBeGreaterThanOrEqual(1);
    expect(problems.some((p) => p.includes(':3:') && p.includes('`gateproof smok` is not a command'))).toBe(true);
    expect(problems.some((p) => p.includes(':4:') && p.includes('has no flag --stag'))).toBe(true);
    expect(problems.filter((p) => p.includes(':5:')).length).toBe(2);
    expect(problems.some((p) => p.includes(':6:'))).toBe(true);
    expect(problems.filter((p) => p.includes(':7:'))).toEqual([]);
  });
});
