import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/gateproof.js', import.meta.url));

/**
 * A one-route API (GET /ping, public, MOCK integration) on one stage `bench` with the given limits: what the
 * bench and the probe's tests point the local gateway at, so a measurement sees the bucket and nothing else.
 */
export function pingApiFiles(limits: { rate: number; burst: number }): { dir: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gp-ping-'));
  const spec = {
    openapi: '3.0.1',
    info: { title: 'ping', version: '1' },
    paths: {
      '/ping': {
        get: {
          security: [],
          responses: { 200: { description: 'pong', content: { 'application/json': { schema: { type: 'object' }, example: { pong: true } } } } },
          'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } },
        },
      },
    },
  };
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
  const configPath = join(dir, 'gateproof.config.json');
  writeFileSync(configPath, JSON.stringify({ spec: './openapi.json', stages: { bench: { baseURL: 'http://127.0.0.1:1/bench', throttle: limits } } }));
  return { dir, configPath };
}

export interface GatewayProcess {
  url: string;
  stageURL(stage: string): string;
  close(): Promise<void>;
}

/**
 * `gateproof emulate` in its own process on a free port, as a deployed gateway would be: the probe and the
 * gateway do not share an event loop (on a 2-core machine each gets a core).
 */
export function spawnGateway(configPath: string, faults: string[] = []): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [BIN, 'emulate', '--config', configPath, '--port', '0', ...faults.flatMap((f) => ['--fault', f])], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`gateway did not start in 30 s: ${out}`)), 30_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`gateway exited with ${code}: ${out}`)));
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /at (http:\/\/[^\s]+)/.exec(out)?.[1];
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

/** The ping API on a gateway process; close() also removes its files. */
export async function pingGateway(limits: { rate: number; burst: number }, faults: string[] = []): Promise<GatewayProcess> {
  const files = pingApiFiles(limits);
  try {
    const gw = await spawnGateway(files.configPath, faults);
    return { ...gw, close: async () => (await gw.close(), rmSync(files.dir, { recursive: true, force: true })) };
  } catch (e) {
    rmSync(files.dir, { recursive: true, force: true });
    throw e;
  }
}
