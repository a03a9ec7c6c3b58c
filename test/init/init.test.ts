import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import { credentialNeeds } from '../../src/init/credentials.ts';
import { detectStages } from '../../src/init/stages.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

const EXAMPLE_SPEC = join(ROOT, 'examples', 'openapi.yaml');

/**
 * A user's repository. It is an ESM package ("type": "module"): the config loader cannot import a .ts config
 * from a folder that is not (see the report of issue 7).
 */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gateproof-init-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'my-api', private: true, type: 'module' }));
  return dir;
}

describe('gateproof init', () => {
  it('scaffolds a config that loads and plans, an .env.example naming every variable, and the GitHub pipelines', async () => {
    const dir = repo();
    const r = await runCli(['init', '--spec', EXAMPLE_SPEC, '--dir', dir, '--ci', 'github']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stages: dev, prod (protected)');
    const files = [
      'gateproof.config.ts',
      '.env.example',
      ...['post-deploy-smoke', 'nightly-load', 'partner-contracts'].map((n) => `.github/workflows/gateproof-${n}.yml`),
    ];
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);

    const plan = await runCli(['plan', '--config', join(dir, 'gateproof.config.ts'), '--json']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    const checks = (JSON.parse(plan.stdout) as { checks: { kind: string; stage: string }[] }).checks;
    expect(new Set(checks.map((c) => c.stage))).toEqual(new Set(['dev', 'prod']));
    for (const kind of ['auth.missing', 'auth.invalid-key', 'auth.expired-token', 'route.mapped', 'stage.key-isolation'])
      expect(checks.map((c) => c.kind)).toContain(kind);

    const source = readFileSync(join(dir, 'gateproof.config.ts'), 'utf8');
    const envNames = [...source.matchAll(/env\('([A-Z0-9_]+)'/g)].map((m) => m[1]);
    expect(new Set(envNames)).toEqual(
      new Set(['DEV_BASE_URL', 'DEV_API_KEY', 'DEV_JWT_SECRET', 'DEV_LAMBDA_TOKEN', 'PROD_BASE_URL', 'PROD_API_KEY', 'PROD_JWT_SECRET', 'PROD_LAMBDA_TOKEN']),
    );
    expect(source).toContain("issuer: 'https://auth.petstore.example/', audience: 'petstore-api'");
    expect(source).toContain("baseURL: env('DEV_BASE_URL', 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/dev')");
    expect(source).toMatch(/\/\/ throttle: \{ rate: 100, burst: 50 \}/);
    expect(source).toMatch(/prod: \{\n\s+baseURL: [^\n]+\n\s+protected: true/);
    const example = parseDotenv(readFileSync(join(dir, '.env.example'), 'utf8'));
    expect(Object.keys(example).sort()).toEqual([...new Set(envNames)].sort());

    // with the placeholders as the environment, the config loads strictly (no lenient env) and registers them
    const config = await loadConfig(join(dir, 'gateproof.config.ts'), { environment: example });
    expect(Object.keys(config.stages)).toEqual(['dev', 'prod']);
    expect(config.stages.dev?.credentials.apiKeys.default).toBe(example.DEV_API_KEY);
    expect(config.specLocation).toBe(EXAMPLE_SPEC);

    const smoke = parseYaml(readFileSync(join(dir, '.github/workflows/gateproof-post-deploy-smoke.yml'), 'utf8')) as {
      jobs: { smoke: { env: Record<string, string> } };
    };
    expect(smoke.jobs.smoke.env.DEV_API_KEY).toBe('${{ secrets.DEV_API_KEY }}');
    expect(smoke.jobs.smoke.env.PROD_LAMBDA_TOKEN).toBe('${{ secrets.PROD_LAMBDA_TOKEN }}');
  });

  it('never overwrites without --force (exit 2, nothing written), and replaces with it', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.env.example'), 'MINE=1\n');
    const r = await runCli(['init', '--spec', EXAMPLE_SPEC, '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite .env.example');
    expect(r.stderr).toContain('--force');
    expect(existsSync(join(dir, 'gateproof.config.ts'))).toBe(false);
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toBe('MINE=1\n');
    const forced = await runCli(['init', '--spec', EXAMPLE_SPEC, '--dir', dir, '--force', '--ci', 'gitlab']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, '.env.example'), 'utf8')).toContain('DEV_API_KEY=');
    const smoke = readFileSync(join(dir, '.gitlab/gateproof/post-deploy-smoke.gitlab-ci.yml'), 'utf8');
    expect(smoke).toContain('- STAGE: [dev, prod] # gateproof:stages');
    expect(smoke).toMatch(/#\s+DEV_API_KEY, DEV_JWT_SECRET, DEV_LAMBDA_TOKEN, PROD_API_KEY, PROD_JWT_SECRET, PROD_LAMBDA_TOKEN \(masked\)/);
  });

  it('finds the spec in the folder, and says what to do when there is none or --ci is unknown', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'openapi.yaml'), readFileSync(EXAMPLE_SPEC));
    const found = await runCli(['init'], { cwd: dir });
    expect(found.code).toBe(0);
    expect(readFileSync(join(dir, 'gateproof.config.ts'), 'utf8')).toContain("spec: './openapi.yaml'");
    const empty = repo();
    const none = await runCli(['init', '--dir', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no OpenAPI spec found');
    expect(none.stderr).toContain('--spec');
    const badCi = await runCli(['init', '--dir', empty, '--ci', 'jenkins']);
    expect(badCi.code).toBe(2);
    expect(badCi.stderr).toContain('use one of: github, gitlab');
  });
});

describe('init building blocks', () => {
  it('detectStages reads server variables, AWS URLs and Swagger 2 base paths; defaults to dev/prod', () => {
    expect(detectStages({ servers: [{ url: 'https://api.example.com/{stage}', variables: { stage: { default: 'beta', enum: ['alpha', 'beta'] } } }] })).toEqual(
      [
        { name: 'alpha', baseURL: 'https://api.example.com/alpha', protected: false },
        { name: 'beta', baseURL: 'https://api.example.com/beta', protected: false },
      ],
    );
    expect(detectStages({ servers: [{ url: 'https://abc.execute-api.us-east-1.amazonaws.com/staging' }] }).map((s) => s.name)).toEqual(['staging', 'prod']);
    expect(detectStages({ swagger: '2.0', host: 'abc.execute-api.us-east-1.amazonaws.com', basePath: '/prod' })).toEqual([
      { name: 'dev', baseURL: 'https://abc.execute-api.us-east-1.amazonaws.com/dev', protected: false },
      { name: 'prod', baseURL: 'https://abc.execute-api.us-east-1.amazonaws.com/prod', protected: true },
    ]);
    expect(detectStages({ servers: [{ url: 'https://api.example.com/v1' }] })).toEqual([
      { name: 'dev', protected: false },
      { name: 'prod', protected: true },
    ]);
  });

  it('credentialNeeds finds the API key, JWT (issuer, audience, scopes) and Lambda authorizer of the example', async () => {
    const needs = credentialNeeds(await loadSpec(EXAMPLE_SPEC));
    expect(needs.apiKey).toBe(true);
    expect(needs.lambda).toBe(true);
    expect(needs.basic).toBe(false);
    expect(needs.jwt).toMatchObject({ issuer: 'https://auth.petstore.example/', audience: 'petstore-api', mode: 'secret' });
    expect(needs.jwt?.scopes.length).toBeGreaterThan(0);
  });
});
