import type { RunPart } from '../domain/result.ts';
import { writePart } from '../report/run-dir.ts';
import type { PlanFile } from './run-files.ts';

/** The part the gate engine contributes to the report: pacing, sampling, budget (and why a budget checked nothing). */
export type EngineInfo = Pick<RunPart, 'pacing' | 'sampling' | 'budget' | 'errors'>;

/** Writes the engine's account of the run as parts/smoke-engine.json, spanning the run from its plan's start. */
export function writeEnginePart(runDir: string, plan: PlanFile, info: EngineInfo, endedAt = Date.now()): void {
  const startedAt = plan.startedAt ?? new Date(endedAt).toISOString();
  writePart(runDir, {
    part: 'smoke-engine',
    startedAt,
    durationMs: Math.max(0, endedAt - Date.parse(startedAt)),
    target: plan.target,
    stages: plan.stages,
    checks: [],
    ...info,
  });
}
