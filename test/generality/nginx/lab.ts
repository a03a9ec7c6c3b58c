import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseCatalog } from '../../../src/emulator/catalog.ts';
import { loadSpec } from '../../../src/openapi/load.ts';
import type { Operation } from '../../../src/openapi/model.ts';
import { freePort } from '../../helpers/ports.ts';
import type { Deployment } from '../gate-run.ts';
import { gateConfig } from './gate-config.ts';
import type { Defect, NginxStage } from './nginx-conf.ts';
import { startNginx } from './nginx-process.ts';

const SPEC = new URL('./openapi.yaml', import.meta.url).pathname;
const SEED = 7;
/** Operations the gateway validates (required query parameters, JSON bodies; see nginx-conf.ts). */
const VALIDATED = ['GET /pets', 'POST /pets'];
/** Each route's token bucket: 20 requests/s, 10 at once. */
const BUCKET = { rate: 20, burst: 10 };
const ISSUER = 'https://id.nginx-lab.test/';
const STAGES = ['dev', 'prod'] as const;

/**
 * The NGINX test lab: NGINX deployed with a chosen set of defects (gateway and backends in one NGINX), each
 * deployment on fresh ports with its own folder. The stages' credentials are the lab's for its whole life.
 * close() stops whatever still runs and removes every folder.
 */
export interface NginxLab {
  deploy(defects?: Defect[]): Promise<Deployment>;
  close(): Promise<void>;
}

export async function startLab(): Promise<NginxLab> {
  const model = await loadSpec(SPEC);
  const catalog = new ResponseCatalog(SEED, model.specVersion);
  const success = (op: Operation) => {
    const canned = catalog.successOf(op);
    return { status: canned.status, body: canned.body.toString('utf8') };
  };
  const credentials = STAGES.map((name) => ({
    name,
    apiKey: `nk-${randomBytes(12).toString('hex')}`,
    jwt: { secret: randomBytes(24).toString('base64url'), issuer: ISSUER, audience: `pets-api-${name}` },
  }));
  const dirs: string[] = [];
  const running = new Set<Deployment>();

  const deploy = async (defects: Defect[] = []): Promise<Deployment> => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-nginx-'));
    dirs.push(dir);
    const port = await freePort();
    const stages: NginxStage[] = [];
    for (const c of credentials) stages.push({ ...c, backendPort: await freePort(), bucket: BUCKET });
    const nginx = await startNginx(model, { dir, port, stages, validated: VALIDATED, success, defects });
    const reportsDir = join(dir, 'reports');
    const configPath = join(dir, 'gateproof.config.json');
    writeFileSync(configPath, JSON.stringify(gateConfig({ spec: SPEC, seed: SEED, reportsDir, port, stages, validated: VALIDATED }), null, 2));
    const deployment: Deployment = {
      configPath,
      reportsDir,
      secrets: credentials.flatMap((c) => [c.apiKey, c.jwt.secret]),
      stop: async () => {
        running.delete(deployment);
        await nginx.close();
      },
    };
    running.add(deployment);
    return deployment;
  };
  const close = async (): Promise<void> => {
    await Promise.all([...running].map((d) => d.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  return { deploy, close };
}
