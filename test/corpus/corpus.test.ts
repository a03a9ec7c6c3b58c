import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { startLocalGateway } from '../../src/emulator/index.ts';
import { scaffold } from '../../src/init/scaffold.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { warningLine } from '../../src/report/warnings.ts';
import { runCli } from '../helpers/cli.ts';

/**
 * Zero false alarms on real specs: each public document of test/corpus (README.md there: sources and
 * licences) is scaffolded with `gateproof init`, only its .env is filled (base URLs of the local gateway,
 * a distinct value per credential and stage), and the gate runs against the local gateway serving that
 * config: no check may fail. The auth, route and stage families on the dev stage (stage.key-isolation
 * presents prod's credentials there); throttling is proven elsewhere. Each spec's warnings are printed.
 */
const SPECS: Record<string, string> = {
  'aws-s3-proxy': 's3-proxy.swagger.json',
  'aws-rest-dynamodb-iam': 'api.yaml',
  'aws-rest-vpclink-proxy': 'api.yaml',
  'aws-serverless-express-proxy': 'simple-proxy-api.yaml',
  'aws-http-api-integrations': 'integrations.openapi.json',
  'aws-http-api-sqs': 'api.yaml',
  'oai-petstore-expanded-v2': 'petstore-expanded.yaml',
  'ory-hydra': 'api.json',
  'redocly-museum-v31': 'openapi.yaml',
  'ga4gh-drs-multifile': 'openapi/data_repository_service.openapi.yaml',
};
const specPath = (id: string, file: string): string => fileURLToPath(new URL(`./specs/${id}/${file}`, import.meta.url));

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The user's one manual step: .env from .env.example, with the local gateway's URLs and a value per credential. */
function fillEnv(dir: string, port: number): void {
  const example = parseDotenv(readFileSync(join(dir, '.env.example'), 'utf8'));
  const filled = Object.entries(example).map(([name, placeholder]) => {
    const stage = /^(.+)_BASE_URL$/.exec(name)?.[1];
    // Stage names come back from the variable prefix as the config spells them (DEV -> dev, S3 -> S3).
    if (stage) return `${name}=http://127.0.0.1:${port}/${/^https?:\/\/[^/]+\/([^/]+)/.exec(placeholder)?.[1] ?? stage.toLowerCase()}`;
    return `${name}=corpus-${name.toLowerCase().replace(/_/g, '-')}-${Math.random().toString(36).slice(2, 10)}`;
  });
  writeFileSync(join(dir, '.env'), `${filled.join('\n')}\n`);
}

async function gate(id: string, file: string): Promise<{ report: GateReport; code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), `gp-corpus-${id}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: id, private: true, type: 'module' }));
  await scaffold({ dir, spec: specPath(id, file) });
  const port = await freePort();
  fillEnv(dir, port);
  const configPath = join(dir, 'gateproof.config.ts');
  const config = await loadConfig(configPath, { environment: parseDotenv(readFileSync(join(dir, '.env'), 'utf8')) });
  const gateway = await startLocalGateway({ config, model: await loadSpec(config.specLocation), port });
  try {
    const stage = Object.keys(config.stages).find((s) => !config.stages[s]!.protected) ?? Object.keys(config.stages)[0]!;
    const r = await runCli(['smoke', '--config', configPath, '--stage', stage, '--only', 'auth,route,stage'], {
      cwd: dir,
      env: { GATEPROOF_REPORTS_DIR: join(dir, 'reports') },
      timeoutMs: 170_000,
    });
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'latest', 'gate.json'), 'utf8')) as GateReport;
    return { report, code: r.code, output: r.stdout + r.stderr };
  } finally {
    await gateway.close();
  }
}

describe('the corpus of real public specs, gated against the local gateway with the config init writes', () => {
  it.concurrent.each(Object.entries(SPECS))(
    '%s: no check fails',
    async (id, file) => {
      const { report, code, output } = await gate(id, file);
      // gateproof's own example checks (suites/custom) still run in every gate and fail on any other spec; the
      // adoption issue moves them to examples/. They are not checks of these specs: left out here (and the exit
      // code, which they decide, with them).
      const ours = report.checks.filter((c) => !c.operation.startsWith('custom: '));
      const count = (status: string): number => ours.filter((c) => c.status === status).length;
      const failed = ours.filter((c) => c.status === 'failed').map((c) => `${c.id}\n    expected ${c.expected}\n    actual   ${c.actual}`);
      console.log(
        [
          `${id}: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${report.warnings.length} warnings`,
          ...report.warnings.map((w) => `  ! ${warningLine(w)}`),
        ].join('\n'),
      );
      expect(failed, output).toEqual([]);
      expect(report.errors ?? [], output).toEqual([]);
      expect(count('passed')).toBeGreaterThan(0);
      expect([0, 1], output).toContain(code);
    },
    180_000,
  );

  it('a document with only webhooks: nothing to gate, said clearly, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-corpus-webhooks-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await scaffold({ dir, spec: specPath('oai-webhook-only-v31', 'webhook-example.yaml') });
    writeFileSync(join(dir, '.env'), 'DEV_BASE_URL=http://127.0.0.1:9/dev\nPROD_BASE_URL=http://127.0.0.1:9/prod\n');
    const r = await runCli(['smoke', '--config', join(dir, 'gateproof.config.ts')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the spec declares no operations under `paths`: nothing to gate (1 webhook (newPet) not gated');
  });
});
