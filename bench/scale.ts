import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GateReport } from '../src/domain/result.ts';
import { buildReport } from '../src/report/build.ts';
import { runCli } from '../test/helpers/cli.ts';
import { spawnGateway } from '../test/helpers/gateway-process.ts';
import { launchChromium } from '../test/report/browser.ts';
import { BIG_API_ENV, writeBigApi } from './big-api.ts';
import { bigRunPart } from './big-report.ts';
import type { Bench, Figure } from './types.ts';

/**
 * Scale and pace. A Stripe-size API (417 operations, generated) on two stages, a gate config that declares
 * no limit, and a gateway that limits each stage to 200 r/s with a burst of 100: HAProxy (Debian) with a
 * token bucket per stage (Lua), the way a stage-wide limiter fronts an API, in front of the local gateway
 * (which enforces the same 200/100 per method, as AWS does, from its own config).
 * Figures: `smoke --only auth,route,stage` wall time (<= 90 s, exit 0) and the share of its requests
 * answered 429 (<= 1%), the rate it found per stage, its index.html (<= 3 MB); the report of a 15,000-check
 * run: index.html size (<= 3 MB) and time to open in chromium (< 2 s).
 */
const HAPROXY = '/usr/sbin/haproxy';
const LIMIT = { rate: 200, burst: 100 };

const bucketLua = (limit: typeof LIMIT): string => `-- A token bucket per stage (the first path segment): ${limit.rate}/s, burst ${limit.burst}.
local RATE, BURST = ${limit.rate}, ${limit.burst}
local buckets = {}
core.register_action("stage_bucket", { "http-req" }, function(txn)
  local stage = string.match(txn.sf:path(), "^/([^/]+)") or ""
  local now = core.now()
  local t = now.sec + now.usec / 1e6
  local b = buckets[stage]
  if b == nil then b = { tokens = BURST, last = t }; buckets[stage] = b end
  b.tokens = math.min(BURST, b.tokens + (t - b.last) * RATE)
  b.last = t
  if b.tokens >= 1 then b.tokens = b.tokens - 1 else txn:set_var("txn.throttled", true) end
end)
`;

const haproxyCfg = (dir: string, port: number, upstream: string): string => `global
  lua-load ${join(dir, 'stage-bucket.lua')}
  nbthread 1
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend gateway
  bind 127.0.0.1:${port}
  option accept-invalid-http-request
  http-request lua.stage_bucket
  http-request return status 429 content-type application/json string "{\\"message\\":\\"Too Many Requests\\"}" hdr x-amzn-ErrorType TooManyRequestsException if { var(txn.throttled) -m bool }
  default_backend local_gateway
backend local_gateway
  http-reuse always
  server emulator ${upstream}
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startHaproxy(dir: string, upstream: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  writeFileSync(join(dir, 'stage-bucket.lua'), bucketLua(LIMIT));
  writeFileSync(join(dir, 'haproxy.cfg'), haproxyCfg(dir, port, upstream));
  const child = spawn(HAPROXY, ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${url}/`).then(
        () => true,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`HAProxy did not listen on ${port}`);
}

interface SmokeRun {
  wallMs: number;
  code: number;
  report: GateReport;
  htmlBytes: number;
}

async function smokeStripeSize(dir: string): Promise<SmokeRun> {
  const gatewayConfig = writeBigApi(dir, 'gateway', { baseURL: 'http://127.0.0.1:1', limits: LIMIT });
  const gateway = await spawnGateway(gatewayConfig, [], BIG_API_ENV);
  const haproxy = await startHaproxy(dir, new URL(gateway.url).host);
  try {
    const gateConfig = writeBigApi(dir, 'gate', { baseURL: haproxy.url, reportsDir: join(dir, 'reports') });
    const started = Date.now();
    const { code } = await runCli(['smoke', '--config', gateConfig, '--only', 'auth,route,stage'], { cwd: dir, env: BIG_API_ENV, timeoutMs: 600_000 });
    const wallMs = Date.now() - started;
    const run = realpathSync(join(dir, 'reports', 'latest'));
    return { wallMs, code, report: JSON.parse(readFileSync(join(run, 'gate.json'), 'utf8')) as GateReport, htmlBytes: statSync(join(run, 'index.html')).size };
  } finally {
    haproxy.child.kill('SIGTERM');
    await gateway.close();
  }
}

/** index.html of a 15,000-check run: its size and the median time chromium takes to load it (5 loads). */
async function bigReport(dir: string): Promise<{ bytes: number; openMs: number; checks: number }> {
  const run = join(dir, 'big-run');
  mkdirSync(join(run, 'parts'), { recursive: true });
  writeFileSync(join(run, 'parts', 'smoke.json'), JSON.stringify(bigRunPart()));
  const report = buildReport(run, { pointLatest: false });
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = performance.now();
      await page.goto(pathToFileURL(join(run, 'index.html')).href, { waitUntil: 'load' });
      await page.locator('table.matrix').waitFor();
      times.push(performance.now() - started);
      await page.close();
    }
    return { bytes: statSync(join(run, 'index.html')).size, openMs: times.sort((a, b) => a - b)[2]!, checks: report.checks.length };
  } finally {
    await browser.close();
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 100) / 100;

const bench: Bench = {
  name: 'scale',
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'gateproof-bench-scale-'));
    try {
      const smoke = await smokeStripeSize(dir);
      const { summary, pacing } = smoke.report;
      const requests = pacing?.requests ?? 0;
      const throttled = pacing?.throttled ?? 0;
      const share = requests ? throttled / requests : 1;
      const rates = Object.entries(pacing?.stages ?? {}).map(
        ([s, p]) => `${s}: took ${p.adaptive?.took ?? '?'}/s, paced at ${p.rate}/s (${p.adaptive?.state ?? 'declared'}), ${p.requests} requests`,
      );
      const big = await bigReport(dir);
      return [
        {
          name: 'smoke 417 ops x 2 stages, no limit declared',
          value: seconds(smoke.wallMs),
          unit: 's',
          target: '<= 90 s, exit 0',
          pass: smoke.wallMs <= 90_000 && smoke.code === 0,
          note: `exit ${smoke.code}, ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
        },
        {
          name: 'requests answered 429 (paced, retried)',
          value: Math.round(share * 10_000) / 100,
          unit: '%',
          target: '<= 1%',
          pass: requests > 0 && share <= 0.01,
          note: `${throttled} of ${requests}`,
        },
        {
          name: 'rate found per stage (gateway: 200/s, burst 100)',
          value: Math.min(...Object.values(pacing?.stages ?? {}).map((p) => p.rate)),
          unit: 'r/s',
          note: rates.join('; '),
        },
        {
          name: 'index.html of that run',
          value: mb(smoke.htmlBytes),
          unit: 'MB',
          target: '<= 3 MB',
          pass: smoke.htmlBytes <= 3 * 1024 * 1024,
          note: `${smoke.report.checks.length} checks`,
        },
        { name: `index.html at ${big.checks} checks`, value: mb(big.bytes), unit: 'MB', target: '<= 3 MB', pass: big.bytes <= 3 * 1024 * 1024 },
        {
          name: `index.html at ${big.checks} checks: open in chromium`,
          value: Math.round(big.openMs),
          unit: 'ms',
          target: '< 2000 ms',
          pass: big.openMs < 2000,
          note: 'median of 5 loads, until the matrix is there',
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
