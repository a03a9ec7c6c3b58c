import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs bench/load-driver.mjs in its own process (so the load does not share the server's event loop). */

export interface DriveOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  connections?: number;
  warmupMs?: number;
  durationMs?: number;
  /** Paced total request rate (req/s); omitted = as fast as the server answers. */
  rate?: number;
}

export interface DriveResult {
  requests: number;
  /** Requests answered including the warmup. */
  total: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const DRIVER = fileURLToPath(new URL('./load-driver.mjs', import.meta.url));

/** Drives the load and measures this process's CPU time per answered request (the servers live here). */
export async function driveMeasuringCpu(options: DriveOptions): Promise<DriveResult & { cpuMicrosPerRequest: number }> {
  const before = process.cpuUsage();
  const result = await drive(options);
  const cpu = process.cpuUsage(before);
  return { ...result, cpuMicrosPerRequest: Math.round(((cpu.user + cpu.system) / Math.max(1, result.total)) * 10) / 10 };
}

export function drive(options: DriveOptions): Promise<DriveResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIVER, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load driver exited ${code}`));
      try {
        resolve(JSON.parse(out.trim()) as DriveResult);
      } catch (e) {
        reject(new Error(`load driver printed no result: ${out}`, { cause: e }));
      }
    });
  });
}
