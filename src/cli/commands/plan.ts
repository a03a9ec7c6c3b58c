import type { Check } from '../../domain/check.ts';
import type { ProbeBudget } from '../../domain/limits.ts';
import { parseOnly } from '../../plan/select.ts';
import { plan } from '../../plan/plan.ts';
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
    const checks = plan(model, config, { stages: values.stage, only });
    if (values.json) {
      io.out(JSON.stringify({ checks }, null, 2));
      return 0;
    }
    const width = Math.max(...checks.map((c) => c.kind.length), 4);
    for (const check of checks) {
      io.out(`${check.stage.padEnd(8)} ${check.kind.padEnd(width)} ${check.target}${check.serial ? '  (serial)' : ''}${budgetText(check)}`);
      for (const line of coverageLines(check)) io.out(`${' '.repeat(width + 10)}${line}`);
    }
    io.out(`\n${checks.length} checks over ${new Set(checks.map((c) => c.stage)).size} stage(s), ${model.operations.length} operations`);
    const budgets = checks.map(budgetOf).filter((b) => b !== undefined);
    if (budgets.length) {
      const requests = budgets.reduce((n, b) => n + b.requests, 0);
      const seconds = budgets.reduce((n, b) => n + b.seconds, 0);
      io.out(
        `throttle probes: at most ${requests} requests and ${seconds.toFixed(1)} s (coverage at most ${config.throttle.coverageBudget} requests per stage)`,
      );
    }
    return 0;
  },
};

/** What a throttle check may send at most (its probes are bounded in requests and time). */
const budgetOf = (check: Check): ProbeBudget | undefined => ('budget' in check.params ? check.params.budget : undefined);

const budgetText = (check: Check): string => {
  const budget = budgetOf(check);
  return budget ? `  [≤ ${budget.requests} requests, ≤ ${budget.seconds} s]` : '';
};

/** throttle.coverage: the limiters it drains with their operations, and the operations it leaves out. */
function coverageLines(check: Check): string[] {
  if (check.kind !== 'throttle.coverage') return [];
  return [
    ...check.params.groups.map((g) => `${g.limiter}: ${g.operations.join(', ')} (${g.requests} requests)`),
    ...check.params.notCovered.map((n) => `not covered: ${n.operation} (${n.reason})`),
  ];
}
