import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../../src/openapi/load.ts';
import { freePort } from '../../helpers/ports.ts';
import { startUpstream, type UpstreamBackend } from '../../helpers/upstream-backend.ts';
import type { Deployment } from '../gate-run.ts';
import { gateConfig } from './gate-config.ts';
import { MATCHED_ROUTE_HEADER, type Defect, type HaproxyStage } from './haproxy-cfg.ts';
import { startHaproxy } from './haproxy-process.ts';

const SPEC = new URL('./openapi.yaml', import.meta.url).pathname;
const SEED = 7;
/** Each stage's sliding window: at most 40 requests in any second. */
const WINDOW = { limit: 40, seconds: 1 };
const ISSUER = 'https://id.haproxy-lab.test/';
/** Operations the gateway validates (required parameters, body properties; see haproxy-cfg.ts). */
const VALIDATED = ['GET /orders', 'POST /orders'];
const STAGES = ['dev', 'prod'] as const;
/** What each stage's backend calls itself (its oracle identity). */
const identityOf = (stage: string): string => `orders-${stage}`;

/**
 * The HAProxy test lab: one upstream backend per stage (dev, prod) for its whole life, and HAProxy deployed
 * with a chosen set of defects, each deployment on fresh ports with its own folder. close() stops whatever
 * still runs and removes every folder.
 */
export interface HaproxyLab {
  deploy(defects?: Defect[]): Promise<Deployment>;
  close(): Promise<void>;
}

export async function startLab(): Promise<HaproxyLab> {
  const model = await loadSpec(SPEC);
  const upstreams: UpstreamBackend[] = [];
  const dirs: string[] = [];
  const running = new Set<Deployment>();
  const close = async (): Promise<void> => {
    await Promise.all([...running].map((d) => d.stop()));
    await Promise.all(upstreams.map((u) => u.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const stage of STAGES) upstreams.push(await startUpstream({ identity: identityOf(stage), model, routeHeader: MATCHED_ROUTE_HEADER, seed: SEED }));
  } catch (error) {
    await close();
    throw error;
  }
  const credentials = STAGES.map(() => ({ apiKey: `hk-${randomBytes(12).toString('hex')}`, secret: randomBytes(24).toString('base64url') }));

  const deploy = async (defects: Defect[] = []): Promise<Deployment> => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-haproxy-'));
    dirs.push(dir);
    const stages: HaproxyStage[] = [];
    for (const [i, name] of STAGES.entries()) {
      const { apiKey, secret } = credentials[i]!;
      stages.push({
        name,
        port: await freePort(),
        backendPort: upstreams[i]!.port,
        apiKey,
        jwt: { secret, issuer: ISSUER, audience: `orders-api-${name}` },
        window: WINDOW,
      });
    }
    const haproxy = await startHaproxy(model, { stages, validated: VALIDATED, defects }, dir);
    const reportsDir = join(dir, 'reports');
    const configPath = join(dir, 'gateproof.config.json');
    writeFileSync(
      configPath,
      JSON.stringify(gateConfig({ spec: SPEC, seed: SEED, reportsDir, stages, validated: VALIDATED, identity: (s) => identityOf(s.name) }), null, 2),
    );
    const deployment: Deployment = {
      configPath,
      reportsDir,
      secrets: credentials.flatMap((c) => [c.apiKey, c.secret]),
      stop: async () => {
        running.delete(deployment);
        await haproxy.close();
      },
    };
    running.add(deployment);
    return deployment;
  };
  return { deploy, close };
}
