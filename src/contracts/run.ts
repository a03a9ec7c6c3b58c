import type { GateproofConfig } from '../config/load.ts';
import { writePart } from '../report/run-dir.ts';
import type { RunPart } from '../domain/result.ts';
import type { GatewayModel } from '../openapi/model.ts';
import type { Pact } from './pact-file.ts';
import { regeneratePacts } from './regenerate.ts';
import { loadPacts, resolveStateHandlers, type PactSource } from './sources.ts';
import { checkPactsAgainstSpec, SPEC_STAGE } from './spec-check.ts';
import { verifyStages } from './verify.ts';

/** The RunPart names contracts write into a run folder. */
export const CHECK_PART = 'contracts-check';
export const VERIFY_PART = 'contracts-verify';

/** contract.spec: every interaction against the spec, nothing sent. */
export function specCheckPart(pacts: Pact[], model: GatewayModel, startedAt = new Date()): RunPart {
  const checks = checkPactsAgainstSpec(pacts, model);
  return {
    part: CHECK_PART,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    target: model.source,
    stages: [SPEC_STAGE],
    checks,
  };
}

export interface VerifyPartOptions {
  config: GateproofConfig;
  model: GatewayModel;
  stages: string[];
  pacts: Pact[];
  source: PactSource;
  stateHandlersModule?: string;
  onLine?: (line: string) => void;
}

/** contract.verify: Pact's verifier through each stage. `broken` lists stages that could not be verified at all. */
export async function verifyPart(options: VerifyPartOptions): Promise<{ part: RunPart; broken: string[] }> {
  const startedAt = new Date();
  const result = await verifyStages({
    config: options.config,
    model: options.model,
    stages: options.stages,
    pacts: options.pacts,
    ...(options.source.kind === 'broker' ? { broker: options.source.broker } : {}),
    ...(options.stateHandlersModule ? { stateHandlersModule: options.stateHandlersModule } : {}),
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  const target = [...new Set(options.stages.map((s) => new URL(options.config.stages[s]!.baseURL).origin))].join(', ');
  const part: RunPart = {
    part: VERIFY_PART,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    target,
    stages: options.stages,
    checks: result.checks,
  };
  if (result.errors.length) part.errors = result.errors;
  return { part, broken: result.broken };
}

export interface ContractsPartOptions {
  config: GateproofConfig;
  model: GatewayModel;
  /** The run folder (reports/<run-id>) the parts are written into. */
  dir: string;
  stages?: string[];
  /** Pact folder; default contracts.pactDir. */
  pactDir?: string;
  /** Run these consumer tests first (a contracts/vitest.config.ts path), writing the pacts into pactDir. */
  regenerate?: { vitestConfig: string; cwd?: string };
  stateHandlersModule?: string;
  /** Skip verification (pact vs spec only). */
  checkOnly?: boolean;
  onLine?: (line: string) => void;
}

/**
 * The contracts part of a gate run (used by `gateproof demo`): optionally regenerate the pacts, check them
 * against the spec (part contracts-check), verify them through each stage (part contracts-verify). Writes the
 * parts into `dir`; the caller builds the report. Returns the parts and whether a stage was unreachable.
 */
export async function runContractsPart(options: ContractsPartOptions): Promise<{ parts: RunPart[]; broken: string[] }> {
  const { config, model } = options;
  const pactDir = options.pactDir ?? config.contracts.pactDir;
  if (options.regenerate) await regeneratePacts({ ...options.regenerate, pactDir, onLine: options.onLine });
  const source: PactSource = { kind: 'dir', dir: pactDir };
  const pacts = await loadPacts(config, source, options.onLine);
  const parts: RunPart[] = [specCheckPart(pacts, model)];
  writePart(options.dir, parts[0]!);
  if (options.checkOnly) return { parts, broken: [] };
  const stages = options.stages?.length ? options.stages : Object.keys(config.stages);
  const stateHandlersModule = options.stateHandlersModule ?? resolveStateHandlers(config);
  const verified = await verifyPart({
    config,
    model,
    stages,
    pacts,
    source,
    ...(stateHandlersModule ? { stateHandlersModule } : {}),
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
  writePart(options.dir, verified.part);
  parts.push(verified.part);
  return { parts, broken: verified.broken };
}
