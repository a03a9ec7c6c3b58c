import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, GateReport } from '../../src/domain/result.ts';
import { runCli } from '../helpers/cli.ts';

/** A gate run is killed after this; a test running one needs a longer timeout, so it always cleans up. */
const GATE_TIMEOUT_MS = 120_000;
export const GATE_TEST_TIMEOUT_MS = GATE_TIMEOUT_MS + 30_000;

/** One deployment of a generality gateway: its gate config and reports folder. */
export interface Deployment {
  configPath: string;
  reportsDir: string;
  /** Every credential value of the stages, to prove none reaches a report. */
  secrets: string[];
  stop(): Promise<void>;
}

export interface GateRun {
  code: number;
  gate: GateReport;
  failed: CheckResult[];
  /** The CLI's output, for assertion messages. */
  output: string;
}

/**
 * `gateproof smoke` with a config whose reportsDir is `reportsDir`, and its gate.json. Throws with the CLI's
 * output when no report was written (the gate never got to judge anything).
 */
async function runGate(configPath: string, reportsDir: string, only?: string): Promise<GateRun> {
  const { code, stdout, stderr } = await runCli(['smoke', '--config', configPath, ...(only ? ['--only', only] : [])], { timeoutMs: GATE_TIMEOUT_MS });
  const output = stdout + stderr;
  let gate: GateReport;
  try {
    gate = JSON.parse(readFileSync(join(reportsDir, 'latest', 'gate.json'), 'utf8')) as GateReport;
  } catch (error) {
    throw new Error(`smoke wrote no gate.json (exit ${code}): ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { code, gate, failed: gate.checks.filter((c) => c.status === 'failed'), output };
}

/** runGate on a deployment, which is stopped afterwards whatever happens. */
export async function gateDeployment(deployment: Deployment, only?: string): Promise<GateRun> {
  try {
    return await runGate(deployment.configPath, deployment.reportsDir, only);
  } finally {
    await deployment.stop();
  }
}

export const describeFailures = (run: GateRun): string => run.failed.map((c) => `${c.id}: ${c.actual}`).join('\n') || '(no failed check)';

export const kindsWith = (run: GateRun, status: CheckResult['status']): Set<string> =>
  new Set(run.gate.checks.filter((c) => c.status === status).map((c) => c.kind));
