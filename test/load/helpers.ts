import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBaseURLs } from '../../src/engine/gate-context.ts';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { ensureK6 } from '../../src/load/ensure-k6.ts';
import { runLoadPart } from '../../src/load/run-load.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import type { RunPart } from '../../src/domain/result.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { ScenarioName } from '../../scenarios/lib/plan-types.ts';
import { findSecrets, readableTexts } from '../helpers/scan.ts';

/** examples/ with moderate limits (dev: 20/s burst 10, POST /orders 10/s burst 5; prod protected). */
export const LOAD_CONFIG = fileURLToPath(new URL('./fixtures/load.config.ts', import.meta.url));
/** The same with window limiters on dev (20 per 1 s fixed, POST /orders 10 per 1 s sliding). */
export const LOAD_WINDOW_CONFIG = fileURLToPath(new URL('./fixtures/load-window.config.ts', import.meta.url));

/** Distinctive credential values: none may show up in any file a load run writes. */
export const PLANTED: Record<string, string> = {
  LOAD_DEV_API_KEY: 'gpk6-planted-devkey-Q7x2Vb9sW4',
  LOAD_DEV_QUOTA_API_KEY: 'gpk6-planted-quotakey-Lm3Nc8Rt',
  LOAD_DEV_JWT_SECRET: 'gpk6-planted-jwtsecret-Zr5Tw1Hq8Ke4Pd6Yu0Ab',
  LOAD_DEV_PARTNER_TOKEN: 'gpk6-planted-partner-Fa9Gh2Jk',
  LOAD_DEV_PARTNER_DENIED_TOKEN: 'gpk6-planted-denied-Xc4Vb7Nm',
  LOAD_PROD_API_KEY: 'gpk6-planted-prodkey-Wq1Er5Ty',
  LOAD_PROD_JWT_SECRET: 'gpk6-planted-prodjwt-Ui8Op3As6Df9Gh2Jk5Lz',
  LOAD_PROD_PARTNER_TOKEN: 'gpk6-planted-prodpartner-Cv7Bn0',
};
/** The header of the HS256 tokens the harness mints (base64 of {"alg":"HS256"): a token in clear. */
const JWT_HEADER = 'eyJhbGciOiJIUzI1NiI';

/** Real k6 (K6_BINARY, PATH, .cache/k6, or built with Go once: CI's scripts/setup.sh does that first). */
export const k6Path = async (): Promise<string> => (await ensureK6({ log: (l) => process.stderr.write(`${l}\n`) })).path;

export interface LoadRig {
  gateway: LocalGateway;
  config: GateproofConfig;
  run(scenario: ScenarioName, durationS: number): Promise<{ part: RunPart; dir: string }>;
  close(): Promise<void>;
}

/** The load config on a fresh in-process local gateway (with faults) and a runner for k6 scenarios against dev. */
export async function loadRig(k6: string, faults: string[] = [], configPath = LOAD_CONFIG): Promise<LoadRig> {
  const loaded = await loadConfig(configPath, { environment: { ...process.env, ...PLANTED } });
  const model = await loadSpec(loaded.specLocation);
  const gateway = await startLocalGateway({ config: loaded, model, faults, port: 0 });
  const config = withBaseURLs(loaded, Object.fromEntries(Object.keys(loaded.stages).map((s) => [s, gateway.stageURL(s)])));
  const profile = resolveProfile(config, model);
  const dirs: string[] = [];
  return {
    gateway,
    config,
    async run(scenario, durationS) {
      const dir = mkdtempSync(join(tmpdir(), `gp-load-${scenario}-`));
      dirs.push(dir);
      const part = await runLoadPart({ config, model, profile, stage: 'dev', scenario, durationS, dir, k6 });
      return { part, dir };
    },
    async close() {
      await gateway.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** "<operation> <metric> <expression>" of the failed checks of a part. */
export const failedThresholds = (part: RunPart): string[] =>
  part.checks
    .filter((c) => c.status === 'failed')
    .map((c) => `${c.operation} ${(c.data as { metric: string }).metric.split('{')[0]} ${(c.data as { threshold: string }).threshold}`);

/**
 * Files under `dir` (recursively; .gz and the dashboard's embedded data decompressed, archives read as
 * bytes) that hold a planted credential,
 * in clear, URL- or base64-encoded, or a minted token: [] when clean.
 */
export function filesWithSecrets(dir: string): string[] {
  const texts = readableTexts(dir);
  const hits = new Set(findSecrets(texts, PLANTED).map((hit) => hit.split(': ')[0]!));
  for (const t of texts) if (t.text.includes(JWT_HEADER) || /gpk6-planted/.test(t.text)) hits.add(t.file);
  return [...hits];
}
