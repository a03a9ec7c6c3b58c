import { GateproofError } from '../../errors.ts';
import type { Command } from '../command.ts';

/** A command whose capability has not landed yet: says so clearly, exit 2. */
export const pending = (name: string, summary: string, usage: string): Command => ({
  name,
  summary,
  usage,
  async run() {
    throw new GateproofError('NOT_IMPLEMENTED', `\`gateproof ${name}\` is not available in this version yet`, {
      hint: 'see the README for the commands that work today (`gateproof plan`, `gateproof --help`)',
    });
  },
});
