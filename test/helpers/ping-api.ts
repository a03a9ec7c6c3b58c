import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnGateway, type GatewayProcess } from './gateway-process.ts';

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
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: { default: { statusCode: '200' } },
          },
        },
      },
    },
  };
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
  const configPath = join(dir, 'gateproof.config.json');
  writeFileSync(configPath, JSON.stringify({ spec: './openapi.json', stages: { bench: { baseURL: 'http://127.0.0.1:1/bench', throttle: limits } } }));
  return { dir, configPath };
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
