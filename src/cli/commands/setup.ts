import { ensureK6 } from '../../load/ensure-k6.ts';
import { userCacheDir } from '../../load/k6-binary.ts';
import { PACKAGE } from '../../domain/package.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

/**
 * `gateproof setup`: provides the tools gateproof runs besides Node: k6 (pinned version) for `gateproof load`
 * and the demo's load part, built once with Go into the user-level cache, which `npm ci` never touches. No
 * command needs a browser: the gate runs on Playwright Test without one, and `report --open` uses the
 * desktop's viewer.
 */
export const setupCommand: Command = {
  name: 'setup',
  summary: `provide k6 ${PACKAGE.k6Version} for \`gateproof load\` (built once with Go into a user-level cache)`,
  usage: [
    'gateproof setup',
    '  finds k6 (K6_BINARY, PATH, or the cache), else builds the pinned version with Go into the cache:',
    `  ${userCacheDir()} (GATEPROOF_CACHE_DIR moves it, e.g. to a CI cache folder)`,
    '  exit: 0 k6 is ready (its path on stdout), 3 no k6 and no Go to build it (how to install k6 on stderr)',
  ].join('\n'),
  flags: [],
  async run(argv, io) {
    parseCommandArgs('setup', argv, {});
    const k6 = await ensureK6({ log: (line) => io.err(`setup: ${line}`) });
    io.err(`setup: k6 ${PACKAGE.k6Version} ${k6.source === 'built' ? 'built' : `found (${k6.source})`}`);
    io.out(k6.path);
    return 0;
  },
};
