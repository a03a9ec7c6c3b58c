import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { type GateproofError } from '../../src/domain/errors.ts';
import { redact } from '../../src/secrets/redact.ts';
import { EXAMPLE_CONFIG } from '../helpers/cli.ts';
import { exampleEnv } from '../helpers/example-env.ts';

const minimal = { spec: './openapi.yaml', stages: { dev: { baseURL: 'http://127.0.0.1:1/dev' } } };
const parseError = (raw: unknown, environment: NodeJS.ProcessEnv = {}): GateproofError => {
  try {
    parseConfig(raw, '/repo/gateproof.config.ts', { environment });
  } catch (e) {
    return e as GateproofError;
  }
  throw new Error('expected a config error');
};

describe('config', () => {
  it('loads the examples config with env() values from the environment and applies defaults', async () => {
    const config = await loadConfig(EXAMPLE_CONFIG, { environment: exampleEnv() });
    expect(Object.keys(config.stages)).toEqual(['dev', 'prod']);
    expect(config.stages.dev!.credentials.apiKeys.default).toBe(exampleEnv().DEV_API_KEY);
    expect(config.stages.prod!.protected).toBe(true);
    expect(config.stages.dev!.oracle).toEqual({ type: 'echo', expect: 'dev' });
    expect(config.specLocation).toMatch(/examples\/openapi\.yaml$/);
    expect(config.pacing.share).toBe(0.5);
    expect(config.stages.dev!.credentials.jwt?.ttlSeconds).toBe(300);
  });

  it('registers credential values as secrets, not the base URLs', async () => {
    const env = exampleEnv();
    await loadConfig(EXAMPLE_CONFIG, { environment: env });
    expect(redact(`key=${env.PROD_API_KEY} token=${env.DEV_JWT_SECRET}`)).toBe('key=[REDACTED] token=[REDACTED]');
    expect(redact('http://127.0.0.1:4010/dev')).toBe('http://127.0.0.1:4010/dev');
  });

  it('reads .env files next to the config; the process environment wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-config-'));
    writeFileSync(join(dir, '.env'), 'MY_KEY=from-dotenv-file\nMY_URL=http://127.0.0.1:7/dev\n');
    writeFileSync(
      join(dir, 'gateproof.config.json'),
      JSON.stringify({ spec: 'x.yaml', stages: { dev: { baseURL: { $env: 'MY_URL' }, credentials: { apiKeys: { default: { $env: 'MY_KEY' } } } } } }),
    );
    const fromFile = await loadConfig(join(dir, 'gateproof.config.json'), { envFiles: ['.env'], environment: undefined });
    expect(fromFile.stages.dev!.credentials.apiKeys.default).toBe('from-dotenv-file');
    process.env.MY_KEY = 'from-process-env';
    try {
      const fromEnv = await loadConfig(join(dir, 'gateproof.config.json'));
      expect(fromEnv.stages.dev!.credentials.apiKeys.default).toBe('from-process-env');
    } finally {
      delete process.env.MY_KEY;
    }
  });

  it('a missing environment variable names the variable, the field and the fix', () => {
    const e = parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', credentials: { apiKeys: { default: { $env: 'NOPE_KEY' } } } } } });
    expect(e.code).toBe('CONFIG_ENV_MISSING');
    expect(e.exitCode).toBe(2);
    expect(e.describe()).toMatch(/environment variable NOPE_KEY is not set \(needed by stages\.dev\.credentials\.apiKeys\.default\)[\s\S]*fix: set NOPE_KEY/);
  });

  it('lenient resolution (plan) leaves a placeholder instead', () => {
    const config = parseConfig({ ...minimal, stages: { dev: { baseURL: { $env: 'NOPE_URL' } } } }, '/repo/c.ts', { environment: {}, lenientEnv: true });
    expect(config.stages.dev!.baseURL).toBe('<unset:NOPE_URL>');
  });

  it('a field of the wrong type names the field path', () => {
    const e = parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', throttle: { rate: 'fast', burst: 10 } } } });
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.describe()).toMatch(/^\/repo\/gateproof\.config\.ts: stages\.dev\.throttle\.rate: .*number[\s\S]*fix: fix `stages\.dev\.throttle\.rate`/);
  });

  it('a limit is a token bucket or a window; a wrong one names the field, the problem and both shapes', () => {
    const window = { limit: 10, window: '10s', kind: 'sliding' };
    const config = parseConfig(
      {
        ...minimal,
        stages: {
          dev: {
            baseURL: 'http://x/dev',
            throttle: { limit: 10, window: '1s', kind: 'fixed' },
            operationThrottle: { 'GET /a': window },
            usagePlan: { throttle: { rate: 5, burst: 2 } },
          },
        },
      },
      '/repo/c.ts',
      { environment: {} },
    );
    expect(config.stages.dev!.throttle).toEqual({ limit: 10, window: '1s', kind: 'fixed' });
    expect(config.stages.dev!.operationThrottle['GET /a']).toEqual(window);
    const badWindow = parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', throttle: { limit: 10, window: '1 second', kind: 'fixed' } } } });
    expect(badWindow.describe()).toMatch(/stages\.dev\.throttle\.window: a window is a whole number of seconds, minutes or hours: '1s', '10s', '1m', '1h'/);
    const noKind = parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', throttle: { limit: 10, window: '1s' } } } });
    expect(noKind.describe()).toMatch(
      /stages\.dev\.throttle\.kind: .*"fixed"\|"sliding".*\(a limit is a token bucket \{ rate, burst \} or a window \{ limit, window/,
    );
    const mixed = parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', throttle: { rate: 10, burst: 5, limit: 10 } } } });
    expect(mixed.describe()).toMatch(/stages\.dev\.throttle.*limit/);
  });

  it('unknown fields and bad operation references are rejected', () => {
    expect(parseError({ ...minimal, stagez: {} }).describe()).toMatch(/stagez|Unrecognized key/);
    expect(parseError({ ...minimal, exposure: { '/admin': ['dev'] } }).describe()).toMatch(/exposure.*"METHOD \/path"/);
  });

  it('oracle route fields are "header:<name>" or "body:<dotted.field>" on a header or body oracle', () => {
    const oracle = { type: 'header', name: 'x-backend', path: 'header:x-backend-uri', method: 'header:x-backend-method', query: 'body:request.query' };
    const config = parseConfig({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', oracle } } }, '/repo/c.ts', { environment: {} });
    expect(config.stages.dev!.oracle).toEqual(oracle);
    expect(
      parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', oracle: { type: 'header', name: 'x-b', path: 'x-backend-uri' } } } }).describe(),
    ).toMatch(/stages\.dev\.oracle\.path: .*"header:<name>" or "body:<dotted\.field>"/);
    expect(parseError({ ...minimal, stages: { dev: { baseURL: 'http://x/dev', oracle: { type: 'echo', path: 'header:x-p' } } } }).describe()).toMatch(
      /oracle type "header" or "body"/,
    );
  });

  it('validation names operations or "all", body and parameters on by default', () => {
    const config = parseConfig({ ...minimal, validation: { operations: ['POST /pets'] } }, '/repo/c.ts', { environment: {} });
    expect(config.validation).toEqual({ operations: ['POST /pets'], body: true, parameters: true });
    expect(parseConfig({ ...minimal, validation: { operations: 'all', parameters: false } }, '/repo/c.ts', { environment: {} }).validation).toEqual({
      operations: 'all',
      body: true,
      parameters: false,
    });
    expect(parseError({ ...minimal, validation: { operations: ['/pets'] } }).describe()).toMatch(/validation\.operations\.0.*"METHOD \/path"/);
  });

  it('a config file that does not exist says how to create one', async () => {
    const e = (await loadConfig('/nonexistent/gateproof.config.ts').then(
      () => undefined,
      (x: unknown) => x,
    )) as GateproofError;
    expect(e.code).toBe('CONFIG_NOT_FOUND');
    expect(e.describe()).toMatch(/gateproof init/);
  });

  it('a config file that throws while loading is a config error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-config-'));
    writeFileSync(join(dir, 'gateproof.config.ts'), 'throw new Error("boom in config");\nexport default {};\n');
    const e = (await loadConfig(join(dir, 'gateproof.config.ts')).then(
      () => undefined,
      (x: unknown) => x,
    )) as GateproofError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.describe()).toMatch(/cannot load the config: boom in config/);
  });
});
