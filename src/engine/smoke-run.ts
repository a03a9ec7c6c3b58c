import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GateproofError } from '../domain/errors.ts';
import { probeStages } from '../http/probe.ts';
import { startEngine } from './engine-server.ts';
import { gateChecks, planFileFor, type GateContext } from './gate-context.ts';
import { runPlaywright } from './playwright.ts';
import { writePacingFile, writePlanFile } from './run-files.ts';
import { stagePacing } from '../http/pacing.ts';
import { parseBudget } from '../plan/budget.ts';
import { BudgetGuard } from './budget-guard.ts';
import { writeEnginePart } from './engine-part.ts';
import { GateSession, sessionOptions } from './session.ts';
import type { SuiteSettings } from './settings.ts';

export interface SmokeRun {
  /** Config/spec/profile as loaded (base URLs already pointing where the suite should go). */
  context: GateContext;
  settings: SuiteSettings;
  /** Playwright's and the reporter's output lines (progress). */
  onLine: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * The smoke part of a run (nothing when --only selects no smoke check): plans the gate checks, makes sure
 * every selected stage answers at all (TARGET_UNREACHABLE otherwise), starts the gate engine (the run's
 * only paced client per stage, running the parallel checks at once and the serial throttle checks after
 * them, one at a time) and runs the suite in Playwright against it, one worker per stage. The reporter
 * writes the smoke part; the engine its own (pacing, sampling, budget) and pacing.json.
 */
export async function runSmoke(run: SmokeRun): Promise<{ checks: number }> {
  const { config, model } = run.context;
  const checks = gateChecks(model, config, run.settings);
  if (checks.length === 0) return { checks: 0 };
  if (run.settings.budget) {
    const first = checks[0]!;
    BudgetGuard.assertAdmitsAny(parseBudget(run.settings.budget), first, stagePacing(config.stages[first.stage]!, model.operations, config.pacing).stage.rate);
  }
  const planFile = { ...planFileFor(run.context, checks, run.settings), startedAt: new Date().toISOString() };
  const baseURLs = Object.fromEntries(planFile.stages.map((s) => [s, config.stages[s]!.baseURL]));
  await probeStages(baseURLs);
  mkdirSync(join(run.settings.runDir, 'parts'), { recursive: true });
  writePlanFile(run.settings.runDir, planFile);

  const session = new GateSession(run.context, checks, sessionOptions(run.settings, planFile));
  const engine = await startEngine(session);
  session.start();
  try {
    const settings: SuiteSettings = { ...run.settings, stages: planFile.stages, baseURLs: { ...run.settings.baseURLs, ...baseURLs } };
    const code = await runPlaywright(settings, engine.env, run.onLine, run.signal);
    if (!existsSync(join(run.settings.runDir, 'parts', 'smoke.json'))) {
      throw new GateproofError('TOOL_FAILED', `Playwright exited with code ${code} without writing results`, {
        where: run.settings.runDir,
        hint: 'rerun with --debug; check the Playwright output above (a suite or config error) and that @playwright/test is installed',
      });
    }
  } finally {
    session.stop();
    await engine.close();
    writePacingFile(run.settings.runDir, session.pacing());
    writeEnginePart(run.settings.runDir, planFile, session.info());
  }
  return { checks: checks.length };
}
