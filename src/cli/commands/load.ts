import { GateproofError } from '../../domain/errors.ts';
import { parseDuration } from '../../load/duration.ts';
import { ensureK6 } from '../../load/ensure-k6.ts';
import { archiveLoad } from '../../load/archive.ts';
import { assertLoadAllowed } from '../../load/guards.ts';
import { runLoadPart, SCENARIOS } from '../../load/run-load.ts';
import { resolveReportsDir } from '../../report/locate.ts';
import { newRunId, runDir } from '../../report/run-dir.ts';
import type { ScenarioName } from '../../../scenarios/lib/plan-types.ts';
import { ENV } from '../../../scenarios/lib/plan-types.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { loadContext } from '../context.ts';
import { finishRun } from './smoke.ts';

/** `gateproof load`: one k6 scenario against one stage, its thresholds folded into the run's report. */
export const loadCommand: Command = {
  name: 'load',
  summary: 'run a k6 scenario and fold its thresholds into the report',
  usage: 'gateproof load --scenario throttle|slo|soak [--stage S] [--duration D] [--archive] [--allow-protected]',
  flags: ['--scenario', '--stage', '--duration', '--archive', '--allow-protected'],
  async run(argv, io) {
    const { values } = parseCommandArgs('load', argv, {
      scenario: { type: 'string' },
      stage: { type: 'string' },
      duration: { type: 'string' },
      archive: { type: 'boolean', default: false },
      'allow-protected': { type: 'boolean', default: false },
    });
    const scenario = values.scenario as ScenarioName | undefined;
    if (!scenario || !SCENARIOS.includes(scenario)) {
      throw new GateproofError('USAGE', scenario ? `unknown scenario "${scenario}"` : '--scenario is required', {
        hint: `pass --scenario ${SCENARIOS.join('|')}`,
      });
    }
    const durationS = values.duration === undefined ? undefined : parseDuration(values.duration);
    const { config, model, profile } = await loadContext({ ...values, stage: values.stage ? [values.stage] : undefined });
    const stage = values.stage ?? Object.keys(config.stages)[0]!;
    assertLoadAllowed(config, stage, values['allow-protected']);
    const k6 = await ensureK6({ log: io.err });
    const dir = runDir(resolveReportsDir(config.reportsDir), newRunId());
    const input = { config, model, profile, stage, scenario, durationS, dir, k6: k6.path, allowProtected: values['allow-protected'], log: io.err };
    if (values.archive) {
      const out = await archiveLoad(input);
      io.out(`k6 archive: ${out.archive}`);
      io.out(`  plan:      ${out.plan} (embedded; no credentials in it)`);
      io.out(`  secrets:   ${out.template} (the shape of ${out.envNames.join(', ')}, placeholders only)`);
      io.out(`  run it with those variables in k6's environment, e.g. from a Kubernetes Secret (ci/k6-operator/README.md),`);
      io.out(`  or locally: ${ENV.credentials}='{"GET /pets":{"x-api-key":"..."}}' k6 run ${out.archive}`);
      return 0;
    }
    await runLoadPart(input);
    return finishRun(dir, io);
  },
};
