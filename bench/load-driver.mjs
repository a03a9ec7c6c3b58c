// A small closed-loop HTTP load driver, run in its own process by bench modules:
//   node bench/load-driver.mjs '{"url":"http://127.0.0.1:1234/dev/x","headers":{},"connections":32,"warmupMs":1000,"durationMs":5000,"rate":2000}'
// (rate optional: closed loop at full speed without it).
// Prints one JSON line: {"requests","total" (incl. warmup),"errors","statuses","seconds","rps","p50","p90","p99","max"} (latencies in ms).
import { Agent, request } from 'node:http';

const options = JSON.parse(process.argv[2] ?? '{}');
const url = new URL(options.url);
const connections = options.connections ?? 32;
const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const latencies = [];
const statuses = {};
let errors = 0;
let total = 0;
let measuring = false;
let stopping = false;

function once() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers ?? {}, agent },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          total++;
          if (measuring) {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          }
          resolve();
        });
      },
    );
    req.on('error', () => {
      if (measuring) errors++;
      resolve();
    });
    req.end();
  });
}

// With options.rate (req/s over all connections) each connection paces itself: latency without queueing.
const interval = options.rate ? (connections / options.rate) * 1000 : 0;
async function loop(i) {
  let next = performance.now() + (interval * i) / connections;
  while (!stopping) {
    if (interval) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      next += interval;
    }
    await once();
  }
}

const loops = Array.from({ length: connections }, (_, i) => loop(i));
await new Promise((r) => setTimeout(r, options.warmupMs ?? 1000));
measuring = true;
const start = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, options.durationMs ?? 5000));
measuring = false;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
stopping = true;
await Promise.all(loops);
agent.destroy();
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
const round = (n) => Math.round(n * 1000) / 1000;
process.stdout.write(
  `${JSON.stringify({ requests: latencies.length, total, errors, statuses, seconds: round(seconds), rps: Math.round(latencies.length / seconds), p50: round(pct(50)), p90: round(pct(90)), p99: round(pct(99)), max: round(latencies.at(-1) ?? NaN) })}\n`,
);
