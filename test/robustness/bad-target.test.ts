import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateReport } from '../../src/domain/result.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

/**
 * Bad targets (issue 8): a target that cannot be talked to exits 3 naming the stage and URL, before any
 * check runs; a target that answers garbage makes checks fail with evidence while the run completes and
 * writes a whole report; huge answers are bounded.
 */
const SPEC = join(ROOT, 'examples/openapi.yaml');

function writeConfig(baseURL: string): { config: string; reports: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gp-badtarget-'));
  const config = join(dir, 'gateproof.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      spec: SPEC,
      reportsDir: join(dir, 'reports'),
      stages: {
        dev: {
          baseURL,
          credentials: {
            apiKeys: { default: 'bad-target-key-123456' },
            jwt: { issuer: 'https://auth.petstore.example/', audience: 'petstore-api', secret: 'bad-target-jwt-secret-0123456789' },
          },
        },
      },
    }),
  );
  return { config, reports: join(dir, 'reports') };
}

async function listen<T extends Server | TcpServer>(server: T): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as { port: number }).port;
}

describe('unreachable targets exit 3 naming the stage and URL, and write no report', () => {
  const sockets: Socket[] = [];
  const silent = createTcpServer((socket) => sockets.push(socket));
  let silentPort = 0;
  const plain = createServer((_req, res) => res.end('plain http'));
  let plainPort = 0;
  beforeAll(async () => {
    silentPort = await listen(silent);
    plainPort = await listen(plain);
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    silent.close();
    plain.close();
  });

  it.each([
    ['connection refused', () => 'http://127.0.0.1:9/dev', /connection refused/],
    ['DNS failure', () => 'http://gateproof-no-such-host.invalid/dev', /does not resolve \(DNS\)/],
    ['TLS error', () => `https://127.0.0.1:${plainPort}/dev`, /TLS handshake failed/],
    ['timeout', () => `http://127.0.0.1:${silentPort}/dev`, /no answer in time/],
  ])(
    '%s',
    async (_name, url, why) => {
      const { config, reports } = writeConfig(url());
      const { code, stderr } = await runCli(['smoke', '--config', config], { timeoutMs: 60_000 });
      expect(code, stderr).toBe(3);
      expect(stderr).toContain(`stage "dev" at ${url()} is unreachable`);
      expect(stderr).toMatch(why);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(existsSync(join(reports, 'latest', 'gate.json'))).toBe(false);
    },
    60_000,
  );
});

describe('a target answering garbage', () => {
  let count = 0;
  const HUGE = 30 * 1024 * 1024;
  const garbage = createServer((req, res) => {
    const kind = count++ % 6;
    if (kind === 0) {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
    } else if (kind === 1) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('this is not json {');
    } else if (kind === 2) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"truncated": tr');
      setTimeout(() => res.socket?.destroy(), 5);
    } else if (kind === 3) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"message":"Service Unavailable"}');
    } else if (kind === 4) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < HUGE) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else {
      res.writeHead(500);
      res.end();
    }
    req.resume();
  });
  let port = 0;
  beforeAll(async () => {
    port = await listen(garbage);
  });
  afterAll(() => garbage.close());

  it('fails checks with evidence, completes the run and writes a whole, bounded report', async () => {
    const { config, reports } = writeConfig(`http://127.0.0.1:${port}/dev`);
    const { code, stderr } = await runCli(['smoke', '--config', config, '--only', 'route'], { timeoutMs: 240_000 });
    expect(code, stderr.slice(-2000)).toBe(1);
    const gateFile = join(reports, 'latest', 'gate.json');
    const report = JSON.parse(readFileSync(gateFile, 'utf8')) as GateReport;
    expect(report.verdict).toBe('fail');
    expect(report.checks.length).toBeGreaterThan(25);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(10);
    for (const check of failed) expect(check.evidence.length + check.actual.length, check.id).toBeGreaterThan(0);
    const statuses = new Set(failed.flatMap((c) => c.evidence.map((e) => e.status)));
    expect([...statuses]).toEqual(expect.arrayContaining([502, 503]));
    for (const check of report.checks) for (const e of check.evidence) expect((e.bodyExcerpt ?? '').length).toBeLessThanOrEqual(4096);
    for (const file of ['gate.json', 'junit.xml', 'summary.md', 'index.html']) expect(existsSync(join(reports, 'latest', file)), file).toBe(true);
    // 30 MB answers were read at most up to the client's bound, and never copied into the report.
    expect(statSync(gateFile).size).toBeLessThan(5 * 1024 * 1024);
  }, 240_000);
});
