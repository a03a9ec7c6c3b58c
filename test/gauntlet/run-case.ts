import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateReport } from '../../src/domain/result.ts';
import { EXAMPLE_CONFIG, runCli } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';
import type { GauntletCase } from './faults.ts';

export interface CaseOutcome {
  case: GauntletCase;
  exitCode: number;
  /** Intended kinds that failed. */
  caughtBy: string[];
  /** Kinds that failed although neither intended nor affected: false alarms. */
  unrelated: string[];
  failedIds: string[];
  durationMs: number;
  output: string;
}

/** Runs `gateproof demo --fault ...` for one case into its own reports folder and reads its gate.json. */
export async function runCase(c: GauntletCase): Promise<CaseOutcome> {
  const reports = mkdtempSync(join(tmpdir(), 'gp-gauntlet-'));
  const runId = 'gauntlet';
  const args = ['demo', '--config', c.config ?? EXAMPLE_CONFIG, '--only', c.families.join(','), ...c.faults.flatMap((f) => ['--fault', f])];
  if (!c.families.includes('load')) args.push('--skip-load');
  const started = performance.now();
  const { code, stdout, stderr } = await runCli(args, {
    env: { ...(c.config ? exampleEnv() : {}), GATEPROOF_RUN_ID: runId, GATEPROOF_REPORTS_DIR: reports },
    timeoutMs: 300_000,
  });
  const durationMs = performance.now() - started;
  let report: GateReport | undefined;
  try {
    report = JSON.parse(readFileSync(join(reports, runId, 'gate.json'), 'utf8')) as GateReport;
  } catch {
    report = undefined;
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  const failed = report?.checks.filter((check) => check.status === 'failed') ?? [];
  const failedKinds = [...new Set(failed.map((check) => check.kind))];
  const allowed = new Set<string>([...c.catches, ...(c.alsoAffected ?? [])]);
  return {
    case: c,
    exitCode: code,
    caughtBy: failedKinds.filter((k) => (c.catches as string[]).includes(k)),
    unrelated: failedKinds.filter((k) => !allowed.has(k)),
    failedIds: failed.map((check) => check.id),
    durationMs,
    output: report ? '' : `${stdout}\n${stderr}`,
  };
}

/** A case is caught when the gate exits 1, every intended kind failed, and nothing unrelated failed. */
export const isCaught = (o: CaseOutcome): boolean => o.exitCode === 1 && o.caughtBy.length === o.case.catches.length && o.unrelated.length === 0;
