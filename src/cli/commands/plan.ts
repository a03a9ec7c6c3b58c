import { dirname, relative } from 'node:path';
import type { GateproofConfig } from '../../config/load.ts';
import type { Check } from '../../domain/check.ts';
import type { TokenSample } from '../../domain/run-info.ts';
import { BudgetGuard } from '../../engine/budget-guard.ts';
import { customCheckFiles } from '../../engine/custom-checks.ts';
import { assertOperations } from '../../engine/gate-context.ts';
import { httpApiNotices } from '../../gateway/http-api.ts';
import { describePacing } from '../../http/pacing.ts';
import { byPriority, estimatedRequests, parseBudget, type Budget } from '../../plan/budget.ts';
import { plan } from '../../plan/plan.ts';
import { probeBudgetOf, requestBudget } from '../../plan/request-budget.ts';
import { TOKEN_SAMPLE_SIZE, tokenSamplesOf } from '../../plan/sample.ts';
import { parseOnly } from '../../plan/select.ts';
import { parseCommandArgs } from '../args.ts';
import { loadContext } from '../context.ts';
import type { Command } from '../command.ts';

export const planCommand: Command = {
  name: 'plan',
  summary: 'print the generated checks without sending a request',
  usage: 'gateproof plan [--stage S]... [--only KIND,...] [--exhaustive] [--budget N|DURATION] [--json]',
  flags: ['--stage', '--only', '--exhaustive', '--budget', '--json'],
  async run(argv, io) {
    const { values } = parseCommandArgs('plan', argv, {
      stage: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      exhaustive: { type: 'boolean', default: false },
      budget: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const only = parseOnly(values.only);
    const budget = values.budget === undefined ? undefined : parseBudget(values.budget);
    const { config, model } = await loadContext(values, { lenientEnv: true });
    assertOperations(model);
    for (const notice of httpApiNotices(model, config)) io.err(`warning: ${notice.field}: ${notice.message}`);
    const planned = plan(model, config, { stages: values.stage, only, exhaustive: values.exhaustive });
    const checks = budget ? byPriority(planned) : planned;
    const stages = [...new Set(checks.map((c) => c.stage))];
    const teamChecks = customCheckFiles(config).map((f) => relative(dirname(config.configPath), f));
    const probeBudget = requestBudget(checks);
    const pacing = Object.fromEntries(stages.map((s) => [s, describePacing(config.stages[s]!, config.pacing)]));
    const sampling = tokenSamplesOf(checks, model, config, values.exhaustive);
    const requests = checks.reduce((n, c) => n + estimatedRequests(c), 0);
    const fit = budget ? budgetFit(budget, checks, config) : undefined;
    if (values.json) {
      const json = {
        checks,
        pacing,
        sampling,
        estimatedRequests: requests,
        probeBudget,
        customChecks: teamChecks,
        warnings: model.warnings,
        ...(fit ? { budget: fit } : {}),
      };
      io.out(JSON.stringify(json, null, 2));
      return 0;
    }
    const width = Math.max(...checks.map((c) => c.kind.length), 4);
    for (const check of checks) {
      io.out(`${check.stage.padEnd(8)} ${check.kind.padEnd(width)} ${check.target}${check.serial ? '  (serial)' : ''}${probeBudgetText(check)}`);
      for (const line of coverageLines(check)) io.out(`${' '.repeat(width + 10)}${line}`);
    }
    if (probeBudget.length > 0) io.out(`\nrequest budget: ${probeBudget.map((b) => `${b.kind} ${b.requests} requests in ${b.checks} checks`).join(', ')}`);
    if (model.warnings.length)
      io.out(`\nwarnings (${model.warnings.length}):\n${model.warnings.map((w) => `  ! ${w.operation ? `${w.operation}: ` : ''}${w.message}`).join('\n')}`);
    const throttleBudgets = checks.map(probeBudgetOf).filter((b) => b !== undefined);
    if (throttleBudgets.length) {
      const seconds = throttleBudgets.reduce((n, b) => n + b.seconds, 0);
      const throttleRequests = throttleBudgets.reduce((n, b) => n + b.requests, 0);
      io.out(
        `throttle probes: at most ${throttleRequests} requests and ${seconds.toFixed(1)} s (coverage at most ${config.throttle.coverageBudget} requests per stage)`,
      );
    }
    io.out(`\n${checks.length} checks over ${stages.length} stage(s), ${model.operations.length} operations, about ${requests} requests`);
    io.out(teamChecks.length ? `and the team's checks, once per stage: ${teamChecks.join(', ')} (customChecks)` : 'no team checks (customChecks: none found)');
    io.out(`\npacing:`);
    for (const [stage, line] of Object.entries(pacing)) io.out(`  ${stage.padEnd(8)} ${line}`);
    if (sampling.length > 0) io.out(`\n${samplingText(sampling, values.exhaustive)}`);
    if (budget) io.out(`\n${budgetText(budget, fit)}`);
    return 0;
  },
};

function samplingText(sampling: TokenSample[], exhaustive: boolean): string {
  const head = exhaustive
    ? 'token checks (expired, wrong audience/issuer, bad signature, alg none, malformed) on every route (--exhaustive):'
    : `token checks (expired, wrong audience/issuer, bad signature, alg none, malformed) per authorizer on a seeded sample of up to ${TOKEN_SAMPLE_SIZE} routes (--exhaustive for all):`;
  return [head, ...sampling.map((s) => `  ${s.stage.padEnd(8)} ${s.authorizer}: ${s.routes.length} of ${s.of} routes: ${s.routes.join(', ')}`)].join('\n');
}

interface BudgetFit {
  kept: number;
  leftOut: number;
  leftOutByKind: Record<string, number>;
}

/** What a request budget keeps, by the same estimates the engine reserves (a duration budget depends on the rate found). */
function budgetFit(budget: Budget, checks: Check[], config: GateproofConfig): BudgetFit | undefined {
  if (budget.kind !== 'requests') return undefined;
  const guard = new BudgetGuard(budget, { requests: () => 0, elapsedMs: () => 0 });
  const kept = checks.filter((c) => guard.admit(c, config.pacing.defaultRate)).length;
  const summary = guard.summary();
  return { kept, leftOut: summary.leftOut, leftOutByKind: summary.leftOutByKind };
}

function budgetText(budget: Budget, fit: BudgetFit | undefined): string {
  if (!fit) return `budget ${budget.text}: checks run by priority (bypass probes first) while it lasts; how many fit depends on the rate the gate finds`;
  const kinds = Object.entries(fit.leftOutByKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `budget ${budget.text} (by the estimates above): keeps ${fit.kept} checks by priority (bypass probes first)${fit.leftOut ? `, leaves out ${fit.leftOut}: ${kinds}` : ', leaves out none'}`;
}

const probeBudgetText = (check: Check): string => {
  const budget = probeBudgetOf(check);
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
