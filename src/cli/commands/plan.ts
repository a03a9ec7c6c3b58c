import { parseOnly } from '../../plan/select.ts';
import { requestBudget } from '../../plan/budget.ts';
import { plan } from '../../plan/plan.ts';
import { customCheckFiles } from '../../engine/custom-checks.ts';
import { dirname, relative } from 'node:path';
import { httpApiNotices } from '../../gateway/http-api.ts';
import { assertOperations } from '../../engine/gate-context.ts';
import { parseCommandArgs } from '../args.ts';
import { loadContext } from '../context.ts';
import type { Command } from '../command.ts';

export const planCommand: Command = {
  name: 'plan',
  summary: 'print the generated checks without sending a request',
  usage: 'gateproof plan [--stage S]... [--only KIND,...] [--json]',
  async run(argv, io) {
    const { values } = parseCommandArgs('plan', argv, {
      stage: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    });
    const only = parseOnly(values.only);
    const { config, model } = await loadContext(values, { lenientEnv: true });
    assertOperations(model);
    for (const notice of httpApiNotices(model, config)) io.err(`warning: ${notice.field}: ${notice.message}`);
    const checks = plan(model, config, { stages: values.stage, only });
    const teamChecks = customCheckFiles(config).map((f) => relative(dirname(config.configPath), f));
    const budget = requestBudget(checks);
    if (values.json) {
      io.out(JSON.stringify({ checks, budget, customChecks: teamChecks, warnings: model.warnings }, null, 2));
      return 0;
    }
    const width = Math.max(...checks.map((c) => c.kind.length), 4);
    for (const check of checks) io.out(`${check.stage.padEnd(8)} ${check.kind.padEnd(width)} ${check.target}${check.serial ? '  (serial)' : ''}`);
    if (budget.length > 0) io.out(`\nrequest budget: ${budget.map((b) => `${b.kind} ${b.requests} requests in ${b.checks} checks`).join(', ')}`);
    if (model.warnings.length) io.out(`\nwarnings (${model.warnings.length}):\n${model.warnings.map((w) => `  ! ${w.operation ? `${w.operation}: ` : ''}${w.message}`).join('\n')}`);
    io.out(`\n${checks.length} checks over ${new Set(checks.map((c) => c.stage)).size} stage(s), ${model.operations.length} operations`);
    io.out(teamChecks.length ? `and the team's checks, once per stage: ${teamChecks.join(', ')} (customChecks)` : 'no team checks (customChecks: none found)');
    return 0;
  },
};
