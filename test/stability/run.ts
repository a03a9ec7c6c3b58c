import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/load.ts';
import { startLocalGateway } from '../../src/emulator/index.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { EXAMPLE_CONFIG, runCli } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';
import { startLatencyProxy } from './latency-proxy.ts';

/**
 * `npm run stability -- [--runs 30] [--mode contention|latency|both]`: the full gate (smoke and throttle
 * checks) against the clean local gateway, run after run,
 *  - contention: while two busy-looping processes load both cores;
 *  - latency: through a loopback proxy adding 5-50 ms of random latency to every chunk, both ways.
 * Prints every run and the totals; exits 1 unless every run passed.
 */
const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, mode: { type: 'string', default: 'both' } } });
const runs = Number(values.runs);
const FAMILIES = 'auth,route,stage,throttle';

interface Tally {
  mode: string;
  passes: number;
  codes: number[];
  seconds: number[];
}

function cpuHogs(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

async function repeat(mode: string, once: () => Promise<number>): Promise<Tally> {
  const tally: Tally = { mode, passes: 0, codes: [], seconds: [] };
  for (let i = 1; i <= runs; i++) {
    const started = performance.now();
    const code = await once();
    const seconds = (performance.now() - started) / 1000;
    tally.codes.push(code);
    tally.seconds.push(seconds);
    if (code === 0) tally.passes++;
    console.log(`${mode} run ${String(i).padStart(2)}/${runs}: exit ${code} in ${seconds.toFixed(1)} s`);
  }
  return tally;
}

async function underContention(): Promise<Tally> {
  const hogs = cpuHogs(2);
  try {
    return await repeat('contention', async () => (await runCli(['demo', '--skip-load', '--only', FAMILIES], { timeoutMs: 300_000 })).code);
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
  }
}

async function underLatency(): Promise<Tally> {
  const env = exampleEnv();
  const config = await loadConfig(EXAMPLE_CONFIG, { environment: env });
  const gateway = await startLocalGateway({ config, model: await loadSpec(config.specLocation), port: 0 });
  const proxy = await startLatencyProxy({ host: '127.0.0.1', port: Number(new URL(gateway.url).port) });
  const base = `http://127.0.0.1:${proxy.port}`;
  try {
    return await repeat('latency 5-50 ms', async () => {
      // One gateway for every run: the quota key stays exhausted after the first run, as on a real stage.
      const { code } = await runCli(['smoke', '--config', EXAMPLE_CONFIG, '--allow-protected', '--only', FAMILIES], {
        env: { ...env, DEV_BASE_URL: `${base}/dev`, PROD_BASE_URL: `${base}/prod` },
        timeoutMs: 300_000,
      });
      return code;
    });
  } finally {
    await proxy.close();
    await gateway.close();
  }
}

const tallies: Tally[] = [];
if (values.mode === 'contention' || values.mode === 'both') tallies.push(await underContention());
if (values.mode === 'latency' || values.mode === 'both') tallies.push(await underLatency());
console.log('');
for (const t of tallies) {
  const sorted = [...t.seconds].sort((a, b) => a - b);
  console.log(
    `${t.mode}: ${t.passes}/${t.codes.length} passes; run time median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} s, max ${sorted.at(-1)!.toFixed(1)} s${t.passes < t.codes.length ? `; exit codes ${t.codes.join(',')}` : ''}`,
  );
}
process.exitCode = tallies.every((t) => t.passes === t.codes.length) ? 0 : 1;
