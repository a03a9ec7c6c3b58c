import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PacingSummary } from '../http/pacing-summary.ts';
import type { Check } from '../domain/check.ts';

/**
 * Files a gate run leaves in its run folder besides its parts: smoke-plan.json (the checks, read by every
 * Playwright process instead of planning again) and pacing.json (requests sent per stage and the time
 * pacing allowed for them). Light on purpose: Playwright workers load this.
 */
export interface PlanFile {
  checks: Check[];
  /** The origins the run talks to. */
  target: string;
  stages: string[];
  /** When the run started (the engine starts before Playwright does). */
  startedAt?: string;
}

const planPath = (runDir: string): string => join(runDir, 'smoke-plan.json');

export function writePlanFile(runDir: string, plan: PlanFile): void {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(planPath(runDir), JSON.stringify(plan, null, 1));
}

export function readPlanFile(runDir: string): PlanFile | undefined {
  const file = planPath(runDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PlanFile) : undefined;
}

export function writePacingFile(runDir: string, summary: PacingSummary): void {
  writeFileSync(join(runDir, 'pacing.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
