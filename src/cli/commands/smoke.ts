import { assertOperations, gateChecks } from '../../engine/gate-context.ts';
import { runSmoke } from '../../engine/smoke-run.ts';
import { GateproofError } from '../../domain/errors.ts';
import { buildReport } from '../../report/build.ts';
import { formatConsoleSummary } from '../../report/console.ts';
import { exitCodeOf } from '../../report/exit-code.ts';
import { publishToGithub } from '../../report/github.ts';
import { resolveReportsDir } from '../../report/locate.ts';
import { newRunId } from '../../report/run-dir.ts';
import { join } from 'node:path';
import { parseBudget } from '../../plan/budget.ts';
import { parseOnly } from '../../plan/select.ts';
import { useColor } from '../../report/color.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { loadContext } from '../context.ts';

/** `gateproof smoke`: the post-deploy gate (auth, route, stage and throttle checks) through Playwright Test. */
export const smokeCommand: Command = {
  name: 'smoke',
  summary: 'run the gate suites (Playwright Test) against the configured stages',
  usage: [
    'gateproof smoke [--stage S]... [--only KIND,...] [--budget N|DURATION] [--exhaustive] [--allow-protected] [--allow-empty]',
    "  runs the planned checks and the team's own checks (customChecks, default checks/**/*.spec.ts next to the config)",
    '  --budget       a bound in requests (5000) or time (60s): checks run by priority, the report lists what it left out',
    '  --exhaustive   token checks on every route (default: per authorizer on a seeded sample of its routes)',
    '  --allow-empty  exit 0 even when no check ran (every check skipped); otherwise such a run exits 2',
  ].join('\n'),
  flags: ['--stage', '--only', '--budget', '--exhaustive', '--allow-protected', '--allow-empty'],
  async run(argv, io) {
    const { values } = parseCommandArgs('smoke', argv, {
      stage: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      'allow-protected': { type: 'boolean', default: false },
      'allow-empty': { type: 'boolean', default: false },
      budget: { type: 'string' },
      exhaustive: { type: 'boolean', default: false },
    });
    parseOnly(values.only);
    if (values.budget !== undefined) parseBudget(values.budget);
    const context = await loadContext(values);
    assertOperations(context.model);
    if (gateChecks(context.model, context.config, { stages: values.stage ?? [], only: values.only ?? [], exhaustive: values.exhaustive }).length === 0) {
      throw new GateproofError('USAGE', `--only ${(values.only ?? []).join(',')} selects no smoke check`, {
        hint: 'smoke runs the auth, route, stage and throttle families; contract checks run with `gateproof contracts verify`, load thresholds with `gateproof load`',
      });
    }
    // The run folder appears once the stages answered (runSmoke creates it after its probe).
    const dir = join(resolveReportsDir(context.config.reportsDir), newRunId());
    await runSmoke({
      context,
      settings: {
        configPath: context.config.configPath,
        ...(values.spec ? { spec: values.spec } : {}),
        envFiles: ['.env'],
        stages: values.stage ?? [],
        only: values.only ?? [],
        runDir: dir,
        baseURLs: {},
        allowProtected: values['allow-protected'],
        exhaustive: values.exhaustive,
        ...(values.budget !== undefined ? { budget: values.budget } : {}),
      },
      onLine: io.err,
    });
    return finishRun(dir, io, { allowEmpty: values['allow-empty'] });
  },
};

/**
 * Builds the unified report of a run folder, prints the verdict (and GitHub annotations in Actions), returns the
 * exit code. A run in which no check ran is an error (exit 2) unless `allowEmpty`.
 */
export function finishRun(dir: string, io: CommandIO, options: { allowEmpty?: boolean } = {}): number {
  const report = buildReport(dir, { allowEmpty: options.allowEmpty });
  io.out(formatConsoleSummary(report, { dir, color: useColor(process.stdout) }));
  publishToGithub(report, dir, process.env, io.out);
  return exitCodeOf(report);
}
