import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { withBaseURLs } from '../../src/checks/run/gate-context.ts';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import { startLocalGateway, type LocalGateway } from '../../src/emulator/index.ts';
import { ensureK6 } from '../../src/load/ensure-k6.ts';
import { runLoadPart } from '../../src/load/run-load.ts';
import { resolveProfile } from '../../src/profiles/resolve.ts';
import type { RunPart } from '../../src/report/types.ts';
import { loadSpec } from '../../src/spec/load.ts';
import type { ScenarioName } from '../../scenarios/lib/plan-types.ts';
import { BIN } from '../helpers/cli.ts';

/** examples/ with moderate limits (dev: 20/s burst 10, POST /orders 10/s burst 5; prod protected). */
export const LOAD_CONFIG = fileURLToPath(new URL('./fixtures/load.config.ts', import.meta.url));

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
export async function loadRig(k6: string, faults: string[] = []): Promise<LoadRig> {
  const loaded = await loadConfig(LOAD_CONFIG, { environment: { ...process.env, ...PLANTED } });
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
  part.checks.filter((c) => c.status === 'failed').map((c) => `${c.operation} ${(c.data as { metric: string }).metric.split('{')[0]} ${(c.data as { threshold: string }).threshold}`);

/**
 * Files under `dir` (recursively; .gz and the dashboard's embedded data decompressed, archives read as
 * bytes) that hold a planted credential,
 * in clear, URL- or base64-encoded, or a minted token: [] when clean.
 */
export function filesWithSecrets(dir: string): string[] {
  const needles = Object.values(PLANTED).flatMap((v) => [v, encodeURIComponent(v), Buffer.from(v).toString('base64')]);
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const raw = readFileSync(path);
      let text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('latin1');
      // The k6 dashboard embeds its data gzip'd and base64'd.
      const embedded = /<script id="data" type="application\/json; charset=utf-8; gzip; base64">([^<]+)<\/script>/.exec(text)?.[1];
      if (embedded) text += gunzipSync(Buffer.from(embedded.trim(), 'base64')).toString('latin1');
      if (needles.some((n) => text.includes(n)) || text.includes(JWT_HEADER) || /gpk6-planted/.test(text)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

export interface GatewayProcess {
  url: string;
  stageURL(stage: string): string;
  close(): Promise<void>;
}

/** `gateproof emulate` in its own process on a free port, as a deployed gateway would be. */
export function spawnGateway(configPath: string, env: NodeJS.ProcessEnv, faults: string[] = []): Promise<GatewayProcess> {
  const args = [BIN, 'emulate', '--config', configPath, '--port', '0', ...faults.flatMap((f) => ['--fault', f])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    const timer = setTimeout(() => fail(new Error(`gateway did not start in 30 s: ${out}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`gateway exited with ${code}: ${out}`)));
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /at (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.resume();
      child.removeAllListeners('exit');
      resolve({
        url,
        stageURL: (stage) => `${url}/${stage}`,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
  });
}
