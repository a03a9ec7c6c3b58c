import { fileURLToPath } from 'node:url';
import { runnerFor } from '../../../src/checks/registry.ts';
import type { CheckContext } from '../../../src/checks/context.ts';
import { withBaseURLs } from '../../../src/engine/gate-context.ts';
import { loadConfig, type GateproofConfig } from '../../../src/config/load.ts';
import { stagePacing } from '../../../src/http/pacing.ts';
import { createStageHttp } from '../../../src/http/stage-http.ts';
import type { Check } from '../../../src/domain/check.ts';
import { plan } from '../../../src/plan/plan.ts';
import { resolveProfile } from '../../../src/profiles/resolve.ts';
import type { CheckResult } from '../../../src/domain/result.ts';
import { loadSpec } from '../../../src/openapi/load.ts';
import type { GatewayModel } from '../../../src/openapi/model.ts';
import { toResult } from '../../../src/checks/context.ts';
import { EXAMPLE_CONFIG } from '../../helpers/cli.ts';
import { exampleEnv } from '../../helpers/example-env.ts';
import { spawnGateway, type GatewayProcess } from '../../helpers/gateway-process.ts';

/** The examples' placeholder credentials, for configs elsewhere that name the same variables. */
const EXAMPLE_ENV_FILE = fileURLToPath(new URL('../../../examples/.env.example', import.meta.url));
/** The examples' API behind window limiters. */
export const WINDOW_CONFIG = fileURLToPath(new URL('./window.config.ts', import.meta.url));

export interface ThrottleGate {
  gateway: GatewayProcess;
  config: GateproofConfig;
  model: GatewayModel;
  /** The plan's throttle.* and stage.throttle-isolation checks. */
  checks: Check[];
  run(check: Check, options?: { allowProtected?: boolean }): Promise<CheckResult>;
  close(): Promise<void>;
}

/**
 * The examples/ API on a fresh local gateway (with faults) in its own process, as in a real gate run (the
 * gateway is elsewhere; the serial checks run in a Playwright worker), and a runner for its serial checks.
 */
export async function throttleGate(faults: string[] = [], configPath = EXAMPLE_CONFIG): Promise<ThrottleGate> {
  const loaded = await loadConfig(configPath, { envFiles: ['.env', EXAMPLE_ENV_FILE] });
  const model = await loadSpec(loaded.specLocation);
  const gateway = await spawnGateway(configPath, faults, exampleEnv());
  const config = withBaseURLs(loaded, Object.fromEntries(Object.keys(loaded.stages).map((s) => [s, gateway.stageURL(s)])));
  const profile = resolveProfile(config, model);
  const http = Object.fromEntries(
    Object.entries(config.stages).map(([name, stage]) => [
      name,
      createStageHttp({ stage: name, baseURL: stage.baseURL, pacing: stagePacing(stage, model.operations, config.pacing) }),
    ]),
  );
  const checks = plan(model, config).filter((c) => c.serial);
  const context = (check: Check, allowProtected: boolean): CheckContext => ({
    check,
    config,
    model,
    profile,
    stage: config.stages[check.stage]!,
    operation: model.operations.find((o) => o.key === check.operation),
    http: http[check.stage]!,
    otherStages: Object.fromEntries(
      Object.entries(config.stages)
        .filter(([n]) => n !== check.stage)
        .map(([n, cfg]) => [n, { config: cfg, http: http[n]! }]),
    ),
    allowProtected,
  });
  return {
    gateway,
    config,
    model,
    checks,
    async run(check, options = {}) {
      const start = performance.now();
      const outcome = await runnerFor(check.kind)!(context(check, options.allowProtected ?? false));
      return toResult(check, outcome, performance.now() - start);
    },
    close: () => gateway.close(),
  };
}

export const find = (gate: ThrottleGate, id: string): Check => {
  const check = gate.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id} in ${gate.checks.map((c) => c.id).join(', ')}`);
  return check;
};
