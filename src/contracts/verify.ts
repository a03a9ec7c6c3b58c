import type { GateproofConfig } from '../config/load.ts';
import { send, TransportError } from '../http/client.ts';
import type { CheckResult } from '../domain/result.ts';
import type { GatewayModel } from '../openapi/model.ts';
import { credentialPlan } from './credential-plan.ts';
import { OperationMatcher } from './match.ts';
import { oracleProblems } from './oracle.ts';
import type { Pact, PactInteraction } from './pact-file.ts';
import { readVerdicts, type VerifierJson } from './verifier-result.ts';
import { verificationChecks } from './verify-checks.ts';
import type { BrokerSource, VerifyJob } from './verify-job.ts';
import { runVerifyProcess } from './verify-process.ts';
import { providerName } from './sources.ts';

export interface VerifyStagesOptions {
  config: GateproofConfig;
  model: GatewayModel;
  stages: string[];
  /** The pacts being verified: local files, or those the broker selected (for naming and evidence). */
  pacts: Pact[];
  broker?: BrokerSource;
  stateHandlersModule?: string;
  logLevel?: VerifyJob['logLevel'];
  /** Each redacted line the verifier prints. */
  onLine?: (line: string) => void;
}

export interface VerifyStagesResult {
  checks: CheckResult[];
  errors: string[];
  /** Stages that could not be reached, or whose verification could not run (exit 3). */
  broken: string[];
}

/** Pact verification through the gateway, stage by stage (stage prefix kept, that stage's credentials injected). */
export async function verifyStages(options: VerifyStagesOptions): Promise<VerifyStagesResult> {
  const { config, model } = options;
  const matcher = OperationMatcher.forModel(model);
  const operationOf = (i: PactInteraction): string => {
    const found = matcher.match(i.request.method, i.request.path);
    return found.kind === 'operation' ? found.operation.key : `${i.request.method} ${i.request.path}`;
  };
  const interactions = options.pacts.flatMap((p) => p.interactions);
  const result: VerifyStagesResult = { checks: [], errors: [], broken: [] };
  for (const stage of options.stages) {
    const stageConfig = config.stages[stage]!;
    const baseURL = stageConfig.baseURL.replace(/\/+$/, '');
    const unreachable = await probe(baseURL);
    if (unreachable) {
      result.errors.push(`TARGET_UNREACHABLE: stage ${stage}: cannot reach ${baseURL} (${unreachable}); contract verification did not run`);
      result.broken.push(stage);
      continue;
    }
    const job: VerifyJob = {
      stage,
      provider: providerName(config, model),
      providerBaseUrl: baseURL,
      pactFiles: [...new Set(options.pacts.map((p) => p.source))],
      credentials: await credentialPlan(model, stageConfig),
      logLevel: options.logLevel ?? 'error',
      requestTimeoutMs: 30_000,
      ...(options.broker ? { broker: options.broker } : {}),
      ...(options.stateHandlersModule ? { stateHandlersModule: options.stateHandlersModule } : {}),
    };
    const run = await runVerifyProcess(job, { onLine: options.onLine });
    if (run.verifierJson === undefined) {
      result.errors.push(`TOOL_FAILED: stage ${stage}: Pact verification could not run: ${run.failure ?? 'no result'}`);
      result.broken.push(stage);
      continue;
    }
    const { verdicts, unattributed } = readVerdicts(run.verifierJson as VerifierJson, interactions);
    result.errors.push(...unattributed.map((e) => `stage ${stage}: ${e}`));
    const oracle = (i: PactInteraction, exchange: Parameters<typeof oracleProblems>[5]): string[] => {
      const found = matcher.match(i.request.method, i.request.path);
      return found.kind === 'operation' ? oracleProblems(stage, stageConfig, found.operation, found.params, i, exchange) : [];
    };
    result.checks.push(...verificationChecks({ stage, baseURL, verdicts, exchanges: run.exchanges, states: run.states, operationOf, oracle }));
  }
  return result;
}

/** undefined when the stage answers HTTP at all (any status); else why it cannot be reached. */
async function probe(baseURL: string): Promise<string | undefined> {
  const url = new URL(baseURL);
  try {
    await send({ method: 'GET', origin: url.origin, path: url.pathname || '/', timeoutMs: 5_000 });
    return undefined;
  } catch (e) {
    return e instanceof TransportError ? `${e.code}: ${e.message}` : (e as Error).message;
  }
}
