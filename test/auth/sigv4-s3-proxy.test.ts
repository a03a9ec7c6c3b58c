import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type GateproofConfig } from '../../src/config/load.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { createStageHttp } from '../../src/http/stage-http.ts';
import { stagePacing } from '../../src/http/pacing.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel } from '../../src/openapi/model.ts';
import { buildRequest } from '../../src/request/build.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { spawnGateway, type GatewayProcess } from '../helpers/gateway-process.ts';
import { findSecrets, readableTexts } from '../helpers/scan.ts';

/**
 * AWS's public "API as an Amazon S3 proxy" export (test/corpus/specs/aws-s3-proxy: Swagger 2.0, all eight
 * operations AWS_IAM, a HEAD method) gated against the local gateway with SigV4 credentials: every signed
 * request reaches its integration, every IAM check runs (none skipped for lack of signing) and passes, and
 * with the gateway's `sigv4-any` fault the signature checks fail and nothing else does.
 */

const SPEC = join(ROOT, 'test/corpus/specs/aws-s3-proxy/s3-proxy.swagger.json');
const ENV = {
  S3_DEV_ACCESS_KEY_ID: 'AKIAS3PROXYDEVQ7X2M4',
  S3_DEV_SECRET_ACCESS_KEY: 's3-proxy-dev-secret-9f1c7e3a5b2d8e4f6a0c',
  S3_PROD_ACCESS_KEY_ID: 'ASIAS3PROXYPRDK8W3N6',
  S3_PROD_SECRET_ACCESS_KEY: 's3-proxy-prod-secret-2b7e4d9c1a6f3e8b5d0a',
  S3_PROD_SESSION_TOKEN: 's3-proxy-prod-session-token-6c3f9a2e8d1b7c4f0e5a',
};
const IAM_KINDS = ['auth.missing', 'auth.bad-signature', 'auth.expired-token', 'auth.path-variants', 'stage.key-isolation'] as const;
const SIGNATURE_KINDS = ['auth.bad-signature', 'auth.expired-token', 'stage.key-isolation'];

let dir: string;
let configPath: string;
let config: GateproofConfig;
let model: GatewayModel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gp-s3-proxy-'));
  configPath = join(dir, 'gateproof.config.ts');
  writeFileSync(
    configPath,
    `import { defineConfig, env } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};
export default defineConfig({
  spec: ${JSON.stringify(SPEC)},
  stages: {
    dev: {
      baseURL: env('S3_DEV_URL', 'http://127.0.0.1:9/dev'),
      credentials: { sigv4: { accessKeyId: env('S3_DEV_ACCESS_KEY_ID'), secretAccessKey: env('S3_DEV_SECRET_ACCESS_KEY'), region: 'us-east-1' } },
    },
    prod: {
      baseURL: env('S3_PROD_URL', 'http://127.0.0.1:9/prod'),
      credentials: {
        sigv4: { accessKeyId: env('S3_PROD_ACCESS_KEY_ID'), secretAccessKey: env('S3_PROD_SECRET_ACCESS_KEY'), sessionToken: env('S3_PROD_SESSION_TOKEN'), region: 'us-east-1' },
      },
    },
  },
});
`,
  );
  config = await loadConfig(configPath, { environment: ENV });
  model = await loadSpec(config.specLocation);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ONLY = [...IAM_KINDS, 'stage.routing'].join(',');

/** Runs a gateproof command with the S3 proxy credentials and reads the run's gate.json and every text it wrote. */
async function gate(args: string[], env: Record<string, string> = {}): Promise<{ code: number; report: GateReport; texts: { file: string; text: string }[] }> {
  const reports = mkdtempSync(join(dir, 'reports-'));
  const { code, stdout, stderr } = await runCli([...args, '--config', configPath, '--only', ONLY], {
    env: { ...ENV, ...env, GATEPROOF_REPORTS_DIR: reports, GATEPROOF_RUN_ID: 's3' },
    timeoutMs: 300_000,
  });
  const report = JSON.parse(readFileSync(join(reports, 's3', 'gate.json'), 'utf8')) as GateReport;
  return { code, report, texts: [{ file: 'console', text: `${stdout}\n${stderr}` }, ...readableTexts(join(reports, 's3'))] };
}

describe('the S3 proxy export (AWS_IAM on every operation) with SigV4 credentials', () => {
  it('has eight IAM operations, HEAD included', () => {
    expect(model.operations.map((o) => o.key)).toEqual(expect.arrayContaining(['GET /', 'HEAD /{folder}/{item}', 'PUT /{folder}/{item}', 'DELETE /{folder}']));
    expect(model.operations).toHaveLength(8);
    for (const op of model.operations) expect(op.security[0]?.map((i) => i.scheme.awsAuthType)).toEqual(['awsSigv4']);
  });

  describe('against the local gateway', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway(configPath, [], ENV);
    });
    afterAll(() => gateway.close());

    it('a signed request of every operation on every stage reaches the stage backend', async () => {
      for (const stage of ['dev', 'prod']) {
        const stageConfig = config.stages[stage]!;
        const http = createStageHttp({ stage, baseURL: gateway.stageURL(stage), pacing: stagePacing(stageConfig, model.operations, config.pacing) });
        for (const op of model.operations) {
          const built = await buildRequest(stageConfig, op, config.seed);
          expect(built.missing).toEqual([]);
          const { response } = await http.send(built.request);
          expect(response.status, `${stage} ${op.key}: ${response.body}`).toBe(200);
          expect(JSON.parse(response.headers['x-gateproof-echo']!)).toMatchObject({ backend: stage });
        }
      }
    });
  });

  it('the gate runs every IAM check on every operation and stage, none skipped, all passing, no credential in any output', async () => {
    const { code, report, texts } = await gate(['demo', '--skip-load']);
    expect(
      code,
      report.checks
        .filter((c) => c.status !== 'passed')
        .map((c) => `${c.id}: ${c.actual}`)
        .join('\n'),
    ).toBe(0);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0 });
    for (const stage of ['dev', 'prod']) {
      for (const kind of IAM_KINDS) {
        const ran = report.checks.filter((c) => c.stage === stage && c.kind === kind);
        expect(ran.map((c) => c.operation).sort(), `${stage} ${kind}`).toEqual(model.operations.map((o) => o.key).sort());
      }
    }
    expect(report.checks.filter((c) => c.kind === 'stage.routing').map((c) => c.status)).toEqual(['passed', 'passed']);
    expect(findSecrets(texts, ENV)).toEqual([]);
  }, 320_000);

  it('with sigv4-any (any AWS4-HMAC-SHA256 header accepted) the signature checks fail on every operation, and nothing else does', async () => {
    const faulty = await spawnGateway(configPath, ['sigv4-any'], ENV);
    try {
      // One stage keeps the run short: each failed check costs the suite a fresh worker.
      const { code, report } = await gate(['smoke', '--stage', 'dev'], { S3_DEV_URL: faulty.stageURL('dev'), S3_PROD_URL: faulty.stageURL('prod') });
      expect(code).toBe(1);
      const failed = report.checks.filter((c) => c.status === 'failed');
      expect([...new Set(failed.map((c) => c.kind))].sort()).toEqual(SIGNATURE_KINDS);
      expect(failed).toHaveLength(SIGNATURE_KINDS.length * model.operations.length);
      expect(
        report.checks
          .filter((c) => c.kind === 'auth.missing' || c.kind === 'auth.path-variants' || c.kind === 'stage.routing')
          .every((c) => c.status === 'passed'),
      ).toBe(true);
    } finally {
      await faulty.close();
    }
  }, 320_000);
});
