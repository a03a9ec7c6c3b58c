import { readFileSync } from 'node:fs';
import { isGateproofError } from '../domain/errors.ts';
import { closeConnections } from '../http/client.ts';
import { redact } from '../secrets/redact.ts';
import type { CommandIO } from './command.ts';
import { commands } from './commands/index.ts';

const version = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'gateproof: prove a deployed API gateway enforces its OpenAPI spec and deployment config',
    '',
    'usage: gateproof <command> [--config gateproof.config.ts] [--spec PATH|URL] [--debug]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'exit codes: 0 gate passed, 1 gate failed, 2 usage/config/spec error, 3 target unreachable or tool missing',
    "run `gateproof <command> --help` for a command's flags",
  ].join('\n');
}

/** Runs the CLI and returns the exit code (never exits itself: see bin/gateproof.js). */
export async function main(argv: string[], io: CommandIO = consoleIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`gateproof: unknown command "${name}"\n  fix: use one of ${commands.map((c) => c.name).join(', ')} (gateproof --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nusage: ${command.usage}\n  common: --config FILE (default gateproof.config.ts), --spec PATH|URL, --debug`);
    return 0;
  }
  const debug = rest.includes('--debug');
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isGateproofError(e)) {
      io.err(`gateproof ${name}: ${redact(e.describe())}`);
      if (debug) io.err(redact(String(e.stack)));
      return e.exitCode;
    }
    io.err(`gateproof ${name}: internal error: ${redact((e as Error).message ?? String(e))}`);
    io.err(debug ? redact(String((e as Error).stack)) : '  rerun with --debug for the stack trace, and report it as a bug');
    return 2;
  } finally {
    closeConnections();
  }
}

export const consoleIO: CommandIO = {
  out: (line) => process.stdout.write(`${redact(line)}\n`),
  err: (line) => process.stderr.write(`${redact(line)}\n`),
};
