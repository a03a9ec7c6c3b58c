import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { send } from '../../src/http/client.ts';
import { BIN, EXAMPLE_CONFIG, ROOT, runCli } from '../helpers/cli.ts';

describe('gateproof emulate', () => {
  it('prints the stage URLs and faults, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'emulate', '--config', EXAMPLE_CONFIG, '--port', '0', '--fault', 'latency:1', '--fault', 'leak-headers'], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout} ${stderr}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /stage prod\s+(http:\/\/127\.0\.0\.1:\d+)\/prod/.exec(stdout);
        if (m && stdout.includes('press Ctrl+C')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect(stdout).toMatch(/stage dev\s+http:\/\/127\.0\.0\.1:\d+\/dev/);
    expect(stdout).toContain('faults: latency:1, leak-headers');
    const r = await send({ method: 'GET', origin: url, path: '/prod/catalog' });
    expect(r.status).toBe(200);
    expect(r.headers.server).toBe('gateproof-echo');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('local gateway stopped');
  });

  it('an unknown fault exits 2 naming it and the valid ones', async () => {
    const r = await runCli(['emulate', '--config', EXAMPLE_CONFIG, '--port', '0', '--fault', 'teleport']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown fault "teleport"');
    expect(r.stderr).toContain('cors-any');
  });

  it('a bad --port exits 2', async () => {
    const r = await runCli(['emulate', '--config', EXAMPLE_CONFIG, '--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port');
  });
});
