import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { GateproofConfig } from '../config/load.ts';
import { parseOnly } from '../plan/select.ts';
import { writePart } from '../report/run-dir.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { runContractsPart, VERIFY_PART } from '../contracts/run.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the demo hands each part (structurally the demo's DemoPartContext). */
export interface ContractsDemoContext {
  context: { config: GateproofConfig; model: GatewayModel };
  runDir: string;
  only: string[];
  io: { err(line: string): void };
}

/**
 * The demo's contracts part: the bundled consumer tests generate the pacts into the run folder (the user's
 * contracts/pacts stays untouched), which are checked against the spec and verified through every stage of the
 * local gateway. Honours --only (contract, contract.spec, contract.verify). A part that cannot run is recorded
 * as an error of the run, not thrown, so the other parts' results still make the report.
 */
export async function runContractsDemo(ctx: ContractsDemoContext): Promise<void> {
  const only = parseOnly(ctx.only);
  if (!only('contract.spec') && !only('contract.verify')) return;
  const startedAt = new Date();
  try {
    const { parts } = await runContractsPart({
      config: ctx.context.config,
      model: ctx.context.model,
      dir: ctx.runDir,
      pactDir: join(ctx.runDir, 'pacts'),
      regenerate: { vitestConfig: join(PACKAGE_ROOT, 'contracts/vitest.config.ts'), cwd: PACKAGE_ROOT },
      stateHandlersModule: join(PACKAGE_ROOT, 'contracts/provider-states.ts'),
      checkOnly: !only('contract.verify'),
    });
    if (!only('contract.spec')) writePart(ctx.runDir, { ...parts[0]!, checks: [] });
    const verify = parts.find((p) => p.part === VERIFY_PART);
    const counts = (verify?.checks ?? parts[0]!.checks).reduce((n, c) => n + (c.status === 'failed' ? 1 : 0), 0);
    ctx.io.err(`contracts: ${parts.map((p) => `${p.part} ${p.checks.length} checks`).join(', ')}${counts ? `, ${counts} failed` : ''}`);
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'TOOL_FAILED';
    writePart(ctx.runDir, {
      part: VERIFY_PART,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      target: '',
      stages: [],
      checks: [],
      errors: [`${code}: contracts: ${(e as Error).message}`],
    });
  }
}
