import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GateproofError } from '../domain/errors.ts';

/** Flags every command accepts. */
export const globalOptions = {
  config: { type: 'string', short: 'c' },
  spec: { type: 'string' },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** parseArgs with gateproof's usage errors (exit 2) instead of TypeErrors. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: typeof globalOptions & O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new GateproofError('USAGE', `${command}: ${(e as Error).message}`, { hint: `run \`gateproof ${command} --help\`` });
  }
}

export const DEFAULT_CONFIG = 'gateproof.config.ts';
