import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existingModule } from '../config/import-module.ts';
import type { GateproofConfig } from '../config/load.ts';
import { codeModule, PACKAGE } from '../domain/package.ts';
import { parseOnly } from '../plan/select.ts';
import { writePart } from '../report/run-dir.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { runContractsPart, VERIFY_PART } from '../contracts/run.ts';
import { resolveStateHandlers } from '../contracts/sources.ts';

/** What the demo hands each part (structurally the demo's DemoPartContext). */
export interface ContractsDemoContext {
  context: { config: GateproofConfig; model: GatewayModel };
  runDir: string;
  only: string[];
  io: { err(line: string): void };
}

/**
 * The demo's contracts part: the consumer tests of the example generate the pacts into the run folder (the user's
 * contracts/pacts stays untouched), which are checked against the spec and verified through every stage of the
 * local gateway. The example's consumer tests are contracts/vitest.config.ts next to its config (the HTTP API
 * example's), else gateproof's bundled ones, written for examples/; state handlers likewise (contracts.stateHandlers). Honours --only (contract, contract.spec, contract.verify). A part that cannot run is recorded
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
      regenerate: { vitestConfig: consumerTests(ctx.context.config), cwd: PACKAGE.root },
      stateHandlersModule: resolveStateHandlers(ctx.context.config, codeModule('contracts/provider-states')),
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

/** The vitest config of the consumer tests for an example: the one next to its config, else the bundled one. */
function consumerTests(config: GateproofConfig): string {
  const own = existingModule(join(dirname(config.configPath), 'contracts', 'vitest.config.ts'));
  return existsSync(own) ? own : codeModule('contracts/vitest.config');
}
