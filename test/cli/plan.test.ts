import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS } from '../../src/domain/kinds.ts';
import { EXAMPLE_CONFIG, ROOT, runCli } from '../helpers/cli.ts';

const fixture = (name: string): string => join(ROOT, 'test/fixtures/specs', name);
const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

function tempConfig(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gp-cli-'));
  const file = join(dir, 'gateproof.config.json');
  writeFileSync(file, body);
  return file;
}

describe('gateproof plan (CLI)', () => {
  it('--json lists checks of every gate kind for both stages, without credentials in the environment', async () => {
    const { code, stdout, stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { checks } = JSON.parse(stdout) as { checks: { id: string; kind: string; stage: string; operation: string }[] };
    for (const stage of ['dev', 'prod']) {
      const kinds = new Set(checks.filter((c) => c.stage === stage).map((c) => c.kind));
      for (const kind of CHECK_KINDS.filter((k) => !/^(contract|load)\./.test(k))) expect(kinds, `${stage} ${kind}`).toContain(kind);
    }
    expect(checks[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), kind: expect.any(String), stage: expect.any(String), operation: expect.stringMatching(/^[A-Z]+ \//) }),
    );
  });

  it('prints a readable table and honours --stage', async () => {
    const { code, stdout } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--stage', 'prod']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^prod\s+auth\.missing\s+GET \/pets$/m);
    expect(stdout).not.toMatch(/^dev /m);
    expect(stdout).toMatch(/\d+ checks over 1 stage\(s\), 14 operations/);
    expect(stdout).toMatch(
      /^request budget: auth\.implicit-methods 21 requests in 7 checks, route\.validation 16 requests in 4 checks, throttle\.burst \d+ requests in 1 checks, .*throttle\.coverage \d+ requests in 1 checks$/m,
    );
    expect(stdout).toMatch(/^throttle probes: at most \d+ requests and [\d.]+ s \(coverage at most 2000 requests per stage\)$/m);
  });

  it('a broken spec exits 2 naming the file and line, without a stack trace', async () => {
    const { code, stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--spec', fixture('broken-syntax.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken-syntax\.yaml:\d+:\d+: syntax error/);
    noStack(stderr);
  });

  it.each([
    ['an unresolvable $ref', 'bad-ref.json', /cannot resolve a \$ref/],
    ['a document that is not OpenAPI', 'not-openapi.yaml', /no `openapi` or `swagger` field/],
  ])('%s exits 2', async (_name, file, message) => {
    const { code, stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--spec', fixture(file)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    noStack(stderr);
  });

  it('a spec URL that cannot be fetched exits 2', async () => {
    const { code, stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--spec', 'http://127.0.0.1:59999/openapi.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot fetch spec[\s\S]*fix:/);
  });

  it('an unknown stage exits 2 and lists the known ones', async () => {
    const { code, stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--stage', 'no-such-stage']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown stage "no-such-stage"[\s\S]*fix: use one of: dev, prod/);
    noStack(stderr);
  });

  it('a config field of the wrong type exits 2 naming the field', async () => {
    const config = tempConfig(JSON.stringify({ spec: fixture('swagger2.yaml'), stages: { dev: { baseURL: 'http://127.0.0.1:1/dev', protected: 'yes' } } }));
    const { code, stderr } = await runCli(['plan', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/stages\.dev\.protected: .*boolean/);
  });

  it('validation.operations naming an operation the spec lacks exits 2 listing the operations', async () => {
    const config = tempConfig(
      JSON.stringify({
        spec: EXAMPLE_CONFIG.replace('gateproof.config.ts', 'openapi.yaml'),
        validation: { operations: ['POST /pet'] },
        stages: { dev: { baseURL: 'http://127.0.0.1:1/dev' } },
      }),
    );
    const { code, stderr } = await runCli(['plan', '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/validation\.operations names "POST \/pet", not an operation of the spec[\s\S]*fix: use operations of .*POST \/pets/);
    noStack(stderr);
  });

  it('--debug adds the stack trace', async () => {
    const { stderr } = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--spec', fixture('bad-ref.json'), '--debug']);
    expect(stderr).toMatch(/\n\s+at .+/);
  });
});

describe('gateproof (CLI basics)', () => {
  it('--help lists every command of the contract', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const c of ['demo', 'plan', 'smoke', 'load', 'contracts', 'emulate', 'report', 'init']) expect(stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('an unknown command or flag is a usage error (exit 2)', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const flag = await runCli(['plan', '--config', EXAMPLE_CONFIG, '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'[\s\S]*gateproof plan --help/);
  });
});
