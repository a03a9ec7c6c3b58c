import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseConfig } from '../src/config/load.ts';
import { startLocalGateway } from '../src/emulator/index.ts';
import { normalizeSpec } from '../src/openapi/normalize.ts';
import { drive, driveMeasuringCpu, type DriveResult } from './driver.ts';
import type { Bench, Figure } from './types.ts';

/**
 * The local gateway's hot path: a MOCK route behind an API key and a (non-limiting) throttle, driven by a
 * separate process over loopback with 32 keep-alive connections, against a bare node:http server answering
 * the same bytes. Targets: >= 5,000 req/s and < 1 ms added p99. Also the echo (HTTP_PROXY) route for reference.
 */

const BODY = JSON.stringify({ id: 'pet-000001', name: 'Rex', species: 'dog', status: 'available' });
const KEY = 'bench-key-0123456789';
const CONNECTIONS = 32;

const model = normalizeSpec(
  {
    openapi: '3.0.1',
    info: { title: 'bench', version: '1' },
    paths: {
      '/pets/{petId}': {
        get: {
          security: [{ api_key: [] }],
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'pet', content: { 'application/json': { example: JSON.parse(BODY) } } } },
          'x-amazon-apigateway-integration': { type: 'mock' },
        },
      },
      '/echo/{petId}': {
        get: {
          security: [{ api_key: [] }],
          responses: { '200': { description: 'pet', content: { 'application/json': { example: JSON.parse(BODY) } } } },
          'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'http://backend/pets/{petId}' },
        },
      },
    },
    components: { securitySchemes: { api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' } } },
  },
  'bench://openapi',
);

const config = parseConfig(
  {
    spec: 'bench.yaml',
    stages: { bench: { baseURL: 'http://127.0.0.1/bench', credentials: { apiKeys: { default: KEY } }, throttle: { rate: 10_000_000, burst: 10_000_000 } } },
  },
  '/virtual/bench.config.ts',
  { environment: {} },
);

/** A bare server answering the same status, headers and body bytes as the gateway's MOCK route. */
async function bareServer(): Promise<{ url: string; server: Server }> {
  const body = Buffer.from(BODY);
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const id = crypto.randomUUID();
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-RequestId': id, 'x-amz-apigw-id': 'AAAAAAAAAAAAAAA=', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface EmulatorBench {
  /** Closed loop, 32 connections, as fast as each server answers. */
  bare: DriveResult & { cpuMicrosPerRequest: number };
  gateway: DriveResult & { cpuMicrosPerRequest: number };
  /** Paced rounds at PACED_RATE req/s, bare and gateway interleaved (load on the machine shifts over time). */
  rounds: { bare: DriveResult; gateway: DriveResult }[];
  echo: DriveResult;
  loadAverage: number;
}

const PACED_RATE = 1000;
const PACED_CONNECTIONS = 8;
const ROUNDS = 7;

export async function benchEmulator(durationMs = 5000): Promise<EmulatorBench> {
  const bare = await bareServer();
  const gateway = await startLocalGateway({ config, model });
  try {
    const common = { headers: { 'x-api-key': KEY }, connections: CONNECTIONS, warmupMs: 1000, durationMs };
    const bareURL = `${bare.url}/bench/pets/abc123`;
    const gatewayURL = `${gateway.stageURL('bench')}/pets/abc123`;
    const result: EmulatorBench = {
      bare: await driveMeasuringCpu({ ...common, url: bareURL }),
      gateway: await driveMeasuringCpu({ ...common, url: gatewayURL }),
      rounds: [],
      echo: await drive({ ...common, durationMs: Math.min(durationMs, 3000), url: `${gateway.stageURL('bench')}/echo/abc123` }),
      loadAverage: os.loadavg()[0] ?? 0,
    };
    const paced = { ...common, connections: PACED_CONNECTIONS, warmupMs: 300, durationMs: 1500, rate: PACED_RATE };
    for (let i = 0; i < ROUNDS; i++) {
      result.rounds.push({ bare: await drive({ ...paced, url: bareURL }), gateway: await drive({ ...paced, url: gatewayURL }) });
    }
    return result;
  } finally {
    await gateway.close();
    await new Promise((r) => bare.server.close(r));
  }
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const bench: Bench = {
  name: 'emulator',
  async run(): Promise<Figure[]> {
    const r = await benchEmulator();
    const ok = (d: DriveResult): string => `${d.statuses['200'] ?? 0}/${d.requests} 200s, ${d.errors} errors`;
    const bareP99 = median(r.rounds.map((x) => x.bare.p99));
    const gatewayP99 = median(r.rounds.map((x) => x.gateway.p99));
    const added = round(median(r.rounds.map((x) => x.gateway.p99 - x.bare.p99)));
    const addedP50 = round(median(r.rounds.map((x) => x.gateway.p50 - x.bare.p50)));
    return [
      { name: 'bare node:http, closed loop', value: r.bare.rps, unit: 'req/s', note: `p50 ${r.bare.p50} ms, p99 ${r.bare.p99} ms` },
      {
        name: 'gateway MOCK+key+throttle, closed loop',
        value: r.gateway.rps,
        unit: 'req/s',
        target: '>= 5000',
        pass: r.gateway.rps >= 5000,
        note: `p50 ${r.gateway.p50} ms, p99 ${r.gateway.p99} ms, ${ok(r.gateway)}`,
      },
      {
        name: 'server CPU per request: bare / gateway',
        value: r.gateway.cpuMicrosPerRequest,
        unit: 'µs (gateway)',
        note: `bare ${r.bare.cpuMicrosPerRequest} µs, added ${round(r.gateway.cpuMicrosPerRequest - r.bare.cpuMicrosPerRequest)} µs of CPU per request`,
      },
      {
        name: `bare p99 at ${PACED_RATE} req/s (median of ${ROUNDS})`,
        value: round(bareP99),
        unit: 'ms',
        note: `p50 ${round(median(r.rounds.map((x) => x.bare.p50)))} ms`,
      },
      {
        name: `gateway p99 at ${PACED_RATE} req/s (median of ${ROUNDS})`,
        value: round(gatewayP99),
        unit: 'ms',
        note: `p50 ${round(median(r.rounds.map((x) => x.gateway.p50)))} ms`,
      },
      {
        name: 'added p99 over the bare server',
        value: added,
        unit: 'ms',
        target: '< 1',
        pass: added < 1,
        note: `added p50 ${addedP50} ms; per round ${r.rounds.map((x) => round(x.gateway.p99 - x.bare.p99)).join(', ')} ms; load average ${r.loadAverage.toFixed(1)} on ${os.cpus().length} cores`,
      },
      { name: 'gateway HTTP_PROXY -> echo, closed loop', value: r.echo.rps, unit: 'req/s', note: `p99 ${r.echo.p99} ms, ${ok(r.echo)}` },
    ];
  },
};
export default bench;
