import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCatalog } from '../../src/emulator/catalog.ts';
import { startEchoBackend, type EchoBackend } from '../../src/emulator/echo-backend.ts';
import type { GateReport } from '../../src/domain/result.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import type { GatewayModel } from '../../src/openapi/model.ts';
import { runCli } from '../helpers/cli.ts';
import { nginxConf, type NginxStage } from './nginx/nginx-conf.ts';

/**
 * Generality: the same gate against a differently built gateway (NGINX from Debian in front of the echo
 * backends) with only a profile (`generic`) and a config: no code change. A clean configuration passes;
 * a route whose key check was left out fails.
 */
const NGINX = '/usr/sbin/nginx';
const SPEC = new URL('./nginx/openapi.yaml', import.meta.url).pathname;
const SEED = 7;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}`);
}

interface Nginx {
  port: number;
  dir: string;
  process: ChildProcess;
}

async function startNginx(model: GatewayModel, stages: NginxStage[], unprotected: string[] = []): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(model, { dir, port, stages, unprotected }));
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await waitForPort(port);
  return { port, dir, process: child };
}

const stopNginx = (nginx: Nginx | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (!nginx || nginx.process.exitCode !== null) return resolve();
    nginx.process.once('exit', () => resolve());
    nginx.process.kill('SIGQUIT');
  });

function writeConfig(dir: string, port: number, stages: NginxStage[]): string {
  const file = join(dir, 'gateproof.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      spec: SPEC,
      profile: 'generic',
      seed: SEED,
      reportsDir: join(dir, 'reports'),
      stages: Object.fromEntries(
        stages.map((s) => [
          s.name,
          {
            baseURL: `http://127.0.0.1:${port}/${s.name}`,
            credentials: { apiKeys: { default: s.apiKey } },
            throttle: { rate: s.rate, burst: s.burst },
            oracle: { type: 'echo', expect: s.name },
          },
        ]),
      ),
    }),
  );
  return file;
}

const readGate = (dir: string): GateReport => JSON.parse(readFileSync(join(dir, 'reports', 'latest', 'gate.json'), 'utf8')) as GateReport;

describe.skipIf(!existsSync(NGINX))('the gate against NGINX (generic profile, config only)', () => {
  let model: GatewayModel;
  const echoes: EchoBackend[] = [];
  let stages: NginxStage[];
  let nginx: Nginx | undefined;

  beforeAll(async () => {
    model = await loadSpec(SPEC);
    const catalog = new ResponseCatalog(SEED);
    const lookup = (key: string | undefined) => {
      const op = model.operations.find((o) => o.key === key);
      return op ? catalog.successOf(op) : undefined;
    };
    stages = [];
    for (const [name, apiKey] of [
      ['dev', 'nginx-dev-key-4b1e7c'],
      ['prod', 'nginx-prod-key-9d2f3a'],
    ] as const) {
      const echo = await startEchoBackend(name, lookup);
      echoes.push(echo);
      stages.push({ name, apiKey, echoPort: echo.port, rate: 20, burst: 10 });
    }
  });

  afterAll(async () => {
    await stopNginx(nginx);
    await Promise.all(echoes.map((e) => e.close()));
  });

  it('a clean NGINX configuration passes every check', async () => {
    nginx = await startNginx(model, stages);
    const config = writeConfig(nginx.dir, nginx.port, stages);
    const { code, stdout, stderr } = await runCli(['smoke', '--config', config], { timeoutMs: 180_000 });
    const gate = readGate(nginx.dir);
    const failed = gate.checks.filter((c) => c.status === 'failed');
    expect(
      failed.map((c) => `${c.id}: ${c.actual}`),
      stdout + stderr,
    ).toEqual([]);
    expect(code).toBe(0);
    expect(gate.summary.passed).toBeGreaterThan(20);
    const kinds = new Set(gate.checks.filter((c) => c.status === 'passed').map((c) => c.kind));
    for (const kind of [
      'auth.missing',
      'auth.invalid-key',
      'auth.path-variants',
      'auth.public-open',
      'route.mapped',
      'route.unknown',
      'route.method',
      'stage.key-isolation',
      'stage.routing',
      'throttle.burst',
    ])
      expect(kinds).toContain(kind);
    await stopNginx(nginx);
    nginx = undefined;
  });

  it('a route left without the key check fails auth.missing on that route', async () => {
    nginx = await startNginx(model, stages, ['GET /pets/{petId}']);
    const config = writeConfig(nginx.dir, nginx.port, stages);
    const { code } = await runCli(['smoke', '--config', config, '--only', 'auth,route,stage'], { timeoutMs: 180_000 });
    expect(code).toBe(1);
    const failed = readGate(nginx.dir).checks.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.id)).toEqual(expect.arrayContaining(['dev:auth.missing:GET /pets/{petId}', 'prod:auth.missing:GET /pets/{petId}']));
    expect(
      failed.every((c) => c.operation === 'GET /pets/{petId}'),
      failed.map((c) => c.id).join('\n'),
    ).toBe(true);
  });
});
