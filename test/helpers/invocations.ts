import { globalOptions } from '../../src/cli/args.ts';
import type { Command } from '../../src/cli/command.ts';
import { commands } from '../../src/cli/commands/index.ts';

/** `gateproof ...` invocations written in CI templates and messages, and whether the CLI accepts them. */

/** Every string scalar of a YAML (or JSON) tree. */
export const strings = (node: unknown): string[] =>
  typeof node === 'string'
    ? [node]
    : Array.isArray(node)
      ? node.flatMap(strings)
      : node && typeof node === 'object'
        ? Object.values(node).flatMap(strings)
        : [];

/** Shell words of one gateproof invocation (up to a separator), quotes removed. */
function words(rest: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s;&|)"']+)|([;&|)\n])/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m[4]) break;
    out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return out;
}

export interface Invocation {
  file: string;
  command: string;
  args: string[];
}

export function invocations(file: string, docs: unknown[]): Invocation[] {
  const found: Invocation[] = [];
  for (const text of docs.flatMap(strings)) {
    for (const m of text.matchAll(/\bnpx\s+(?:--yes\s+)?gateproof\s+/g)) {
      const [command = '', ...args] = words(text.slice((m.index ?? 0) + m[0].length));
      found.push({ file, command, args });
    }
  }
  return found;
}

const GLOBAL_FLAGS = new Set(Object.keys(globalOptions).map((f) => `--${f}`));

/** The flags a command accepts: its `flags`, else those written in its usage string. */
export const acceptedFlags = (command: Command): Set<string> =>
  new Set([...GLOBAL_FLAGS, ...(command.flags ?? [...command.usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]))]);

/** `--scenario throttle|slo|soak` in a usage string: the flag takes a value, from that list. */
const usageValues = (usage: string, flag: string): { takesValue: boolean; choices?: string[] } => {
  const m = new RegExp(`${flag}[ =]([A-Za-z0-9_|,.-]+)`).exec(usage);
  if (!m?.[1]) return { takesValue: flag === '--config' || flag === '--spec' };
  return { takesValue: true, choices: m[1].includes('|') ? m[1].split('|') : undefined };
};

export function checkInvocation(inv: Invocation): string[] {
  const command = commands.find((c) => c.name === inv.command);
  if (!command) return [`${inv.file}: \`gateproof ${inv.command}\` is not a command (${commands.map((c) => c.name).join(', ')})`];
  const problems: string[] = [];
  const accepted = acceptedFlags(command);
  for (let i = 0; i < inv.args.length; i++) {
    const arg = inv.args[i] ?? '';
    if (arg.startsWith('--')) {
      const [flag = '', inline] = arg.split('=', 2);
      if (!accepted.has(flag)) problems.push(`${inv.file}: \`gateproof ${inv.command}\` has no flag ${flag} (accepts ${[...accepted].join(', ')})`);
      const { takesValue, choices } = usageValues(command.usage, flag);
      const value = inline ?? (takesValue ? inv.args[++i] : undefined);
      if (takesValue && value === undefined) problems.push(`${inv.file}: ${flag} needs a value`);
      if (choices && value && !value.includes('$') && !choices.includes(value))
        problems.push(`${inv.file}: ${flag} ${value} is not one of ${choices.join(', ')}`);
    } else if (arg.startsWith('-')) {
      problems.push(`${inv.file}: short flag ${arg} in a template (write the long form)`);
    } else if (!new RegExp(`(^|[\\s|])${arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s|])`).test(command.usage)) {
      problems.push(`${inv.file}: \`gateproof ${inv.command} ${arg}\`: "${arg}" is not a subcommand in its usage (${command.usage.split('\n')[0]})`);
    }
  }
  return problems;
}
