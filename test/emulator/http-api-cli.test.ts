import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { send } from '../../src/http/client.ts';
import { BIN, EXAMPLE_CONFIG, ROOT, runCli } from '../helpers/cli.ts';
import { HTTP_EXAMPLE_CONFIG } from './http-api-helpers.ts';

/** The CLI around the HTTP-API mode: emulate says which API it emulates, plan and emulate refuse what HTTP APIs lack. */

describe('gateproof emulate with the HTTP example', () => {
  it('says it emulates an HTTP API, serves the stages and answers 404 Not Found for unknown routes', async () => {
    const child = spawn(process.execPath, [BIN, 'emulate', '--config', HTTP_EXAMPLE_CONFIG, '--port', '0'], {
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
        const m = /\(HTTP API\) at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m && stdout.includes('press Ctrl+C')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect(stdout).toContain('gateproof local gateway for "Pet Adoption HTTP API" (HTTP API) at');
    expect(stdout).toMatch(/stage prod\s+http:\/\/127\.0\.0\.1:\d+\/prod/);
    const r = await send({ method: 'GET', origin: url, path: '/prod/nowhere' });
    expect(r.status).toBe(404);
    expect(r.body).toBe('{"message":"Not Found"}');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('a fault of REST APIs only (API keys, quotas) exits 2 saying why', async () => {
    const r = await runCli(['emulate', '--config', HTTP_EXAMPLE_CONFIG, '--port', '0', '--fault', 'quota-off']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fault "quota-off" does not apply to an HTTP API: HTTP APIs have no usage plans');
  });
});

describe('gateproof plan for an HTTP API', () => {
  it('warns, naming the field, about what HTTP APIs do not have; the checks still go to stdout', async () => {
    const r = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--spec', 'examples/http-api/openapi.yaml', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^warning: profile: the spec is an HTTP API export but the profile is aws-rest: .*set profile: 'aws-http'$/),
      expect.stringMatching(/^warning: stages\.dev\.credentials\.apiKeys: HTTP APIs have no API keys/),
      'warning: stages.dev.quota: HTTP APIs have no usage plans, hence no quotas: throttle.quota cannot pass',
      expect.stringMatching(/^warning: stages\.dev\.credentials\.jwt\.alg: HTTP API JWT authorizers verify RSA signatures only/),
      expect.stringMatching(/^warning: stages\.prod\.credentials\.apiKeys: /),
      expect.stringMatching(/^warning: stages\.prod\.usagePlan: HTTP APIs have no usage plans/),
      'warning: stages.prod.quota: HTTP APIs have no usage plans, hence no quotas: throttle.quota cannot pass',
      expect.stringMatching(/^warning: stages\.prod\.credentials\.jwt\.alg: /),
    ]);
    expect(JSON.parse(r.stdout).checks.length).toBeGreaterThan(0);
  });

  it('the HTTP example plans without a warning', async () => {
    const r = await runCli(['plan', '--config', HTTP_EXAMPLE_CONFIG]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\n\d+ checks over 2 stage\(s\), 10 operations, about \d+ requests\n/);
  });
});
