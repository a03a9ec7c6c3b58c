import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { buildReport } from '../../report/build.ts';
import { formatConsoleSummary } from '../../report/console.ts';
import { useColor } from '../../report/color.ts';
import { exitCodeOf } from '../../report/exit-code.ts';
import { publishToGithub } from '../../report/github.ts';
import { findRunDir, resolveReportsDir } from '../../report/locate.ts';
import { openInViewer } from '../../report/open.ts';
import { DEFAULT_CONFIG, parseCommandArgs } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: 'rebuild the unified report (gate.json, junit.xml, summary.md, index.html) from the latest results',
  usage: [
    'gateproof report [--open] [--run ID]',
    '  rebuilds reports/latest (or reports/<ID>) from the parts its commands wrote; the reports folder is',
    "  the config's reportsDir when a config is found, else ./reports",
    '  --open    open index.html in the default browser (never fails the command)',
    '  --run ID  rebuild that run instead of reports/latest',
    '  exit: 0 gate passed, 1 a check failed, 2 no run to rebuild or a part errored, 3 a part could not reach',
    '        its target or a tool was missing',
  ].join('\n'),
  flags: ['--open', '--run'],
  async run(argv, io) {
    const { values } = parseCommandArgs('report', argv, {
      open: { type: 'boolean', default: false },
      run: { type: 'string' },
    });
    const reportsDir = resolveReportsDir(await configuredReportsDir(values.config, io));
    const dir = findRunDir(reportsDir, values.run);
    const report = buildReport(dir, { reportsDir, pointLatest: values.run === undefined });
    const shown = relative(process.cwd(), dir) || '.';
    io.out(formatConsoleSummary(report, { dir: shown.startsWith('..') ? dir : shown, color: useColor(process.stdout) }));
    publishToGithub(report, dir, process.env, io.out);
    if (values.open && !(await openInViewer(join(dir, 'index.html'))))
      io.err(`gateproof report: could not open a browser; open ${join(dir, 'index.html')} yourself`);
    return exitCodeOf(report);
  },
};

/** reportsDir from the config when one is given or found; a broken config found by default is only a warning. */
async function configuredReportsDir(configFlag: string | undefined, io: CommandIO): Promise<string | undefined> {
  if (configFlag === undefined && !existsSync(DEFAULT_CONFIG)) return undefined;
  try {
    return (await loadConfig(configFlag ?? DEFAULT_CONFIG, { lenientEnv: true })).reportsDir;
  } catch (e) {
    if (configFlag !== undefined) throw e;
    io.err(`gateproof report: ignoring ${DEFAULT_CONFIG} (${(e as Error).message}); using ./reports`);
    return undefined;
  }
}
