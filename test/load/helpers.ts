import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBaseURLs } from '../../src/checks/run/gate-context.ts';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { ensureK6 } from '../../src/load/ensure-k6.ts';
import { runLoadPart } from '../../src/load/run-load.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import type { RunPart } from '../../src/report/types.ts';
import { loadSpec } from '../../src/spec/load.ts';
import type { ScenarioName } from '../../scenarios/lib/plan-types.ts';

export const EXAMPLE_CONFIG = fileURLToPath(new URL('../../examples/gateproof.config.ts', import.meta.url));

/** Real k6 (K6_BINARY, PATH, .cache/k6, or built with Go once: CI's scripts/setup.sh does that first). */
export const k6Path = async (): Promise<string> => (await ensureK6({ log: (l) => process.stderr.write(`${l}\n`) })).path;

export interface LoadRig {
  gateway: LocalGateway;
  config: GateproofConfig;
  run(scenario: ScenarioName, durationS: number): Promise<{ part: RunPart; dir: string }>;
  close(): Promise<void>;
}

/** The examples/ API on a fresh local gateway (with faults) and a runner for k6 scenarios against dev. */
export async function loadRig(k6: string, faults: string[] = []): Promise<LoadRig> {
  const loaded = await loadConfig(EXAMPLE_CONFIG, { envFiles: ['.env', '.env.example'] });
  const model = await loadSpec(loaded.specLocation);
  const gateway = await startLocalGateway({ config: loaded, model, faults, port: 0 });
  const config = withBaseURLs(loaded, Object.fromEntries(Object.keys(loaded.stages).map((s) => [s, gateway.stageURL(s)])));
  const profile = resolveProfile(config, model);
  return {
    gateway,
    config,
    async run(scenario, durationS) {
      const dir = mkdtempSync(join(tmpdir(), `gp-load-${scenario}-`));
      const part = await runLoadPart({ config, model, profile, stage: 'dev', scenario, durationS, dir, k6 });
      return { part, dir };
    },
    close: () => gateway.close(),
  };
}

/** "<metric> <expression>" of the failed checks of a part. */
export const failedThresholds = (part: RunPart): string[] => part.checks.filter((c) => c.status === 'failed').map((c) => `${c.operation} ${(c.data as { metric: string; threshold: string }).metric.split('{')[0]} ${(c.data as { threshold: string }).threshold}`);
