import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { presentCredentials } from '../../src/auth/credentials.ts';
import { loadConfig } from '../../src/config/load.ts';
import { JWT_KINDS } from '../../src/domain/kinds.ts';
import { plan } from '../../src/plan/plan.ts';
import { renderConfigSource } from '../../src/init/config-source.ts';
import { credentialNeeds } from '../../src/init/credentials.ts';
import { stageVariables } from '../../src/init/env-vars.ts';
import { renderScaffold } from '../../src/init/scaffold.ts';
import { configTakesSigv4, specRegion } from '../../src/init/sigv4.ts';
import { detectStages } from '../../src/init/stages.ts';
import { loadSpec } from '../../src/openapi/load.ts';
import { parseSpecText, readSpecText } from '../../src/openapi/read.ts';

/** What init guesses from real public documents (test/corpus): configs that pass on a correct gateway. */
const corpus = (path: string): string => fileURLToPath(new URL(`../corpus/specs/${path}`, import.meta.url));
const raw = async (path: string): Promise<unknown> => parseSpecText(await readSpecText(corpus(path)), path);

describe('init guesses credentials a correct gateway accepts', () => {
  it('opaque bearer tokens (http bearer without a JWT format, OAuth2) become a ready token, not an HS256 JWT', async () => {
    const needs = credentialNeeds(await loadSpec(corpus('ory-hydra/api.json')));
    expect(needs).toMatchObject({ bearer: true, basic: true, apiKey: false, iam: false });
    expect(needs.jwt).toBeUndefined();
  });

  it('an IAM-only API asks for no API key', async () => {
    const needs = credentialNeeds(await loadSpec(corpus('aws-s3-proxy/s3-proxy.swagger.json')));
    expect(needs).toMatchObject({ iam: true, apiKey: false, bearer: false });
  });

  it('IAM routes: SigV4 credentials in the agreed shape where the config takes them, else a note saying what is skipped', () => {
    const base = {
      importFrom: 'gateproof',
      spec: './api.yaml',
      title: 'T',
      profile: 'aws-rest' as const,
      stages: [{ name: 'dev', protected: false }],
      needs: { apiKey: false, bearer: false, lambda: false, basic: false, iam: true },
    };
    const signed = renderConfigSource({ ...base, sigv4: true, region: 'us-west-2' });
    expect(signed).toContain(
      "sigv4: { accessKeyId: env('DEV_AWS_ACCESS_KEY_ID'), secretAccessKey: env('DEV_AWS_SECRET_ACCESS_KEY'), region: 'us-west-2', service: 'execute-api' },",
    );
    expect(signed).toContain("sessionToken: env('DEV_AWS_SESSION_TOKEN')");
    expect(stageVariables(base.stages[0]!, base.needs, { sigv4: true }).map((v) => v.name)).toEqual([
      'DEV_BASE_URL',
      'DEV_AWS_ACCESS_KEY_ID',
      'DEV_AWS_SECRET_ACCESS_KEY',
    ]);
    const unsigned = renderConfigSource({ ...base, sigv4: false });
    expect(unsigned).not.toContain('sigv4:');
    expect(unsigned).toContain('cannot sign requests, so their checks that need a signed');
    expect(stageVariables(base.stages[0]!, base.needs).map((v) => v.name)).toEqual(['DEV_BASE_URL']);
    expect(typeof configTakesSigv4()).toBe('boolean');
    expect(specRegion(['https://9gn28ca086.execute-api.<region>.amazonaws.com/S3'], ['arn:aws:apigateway:us-west-2:s3:path//'])).toBe('us-west-2');
  });
});

describe('init guesses stages and base URLs', () => {
  it('fills server variables with their defaults: no literal {region} in a base URL', () => {
    expect(
      detectStages({
        servers: [
          { url: 'https://abc.execute-api.{region}.amazonaws.com/{basePath}', variables: { region: { default: 'eu-west-1' }, basePath: { default: 'prod' } } },
        ],
      }),
    ).toEqual([
      { name: 'dev', baseURL: 'https://abc.execute-api.eu-west-1.amazonaws.com/dev', protected: false },
      { name: 'prod', baseURL: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', protected: true },
    ]);
  });

  it('a part without a default is no default base URL: .env.example shows it as <name> to fill in', async () => {
    const stages = detectStages(await raw('aws-s3-proxy/s3-proxy.swagger.json'));
    expect(stages).toEqual([{ name: 'S3', urlTemplate: 'https://9gn28ca086.execute-api.<region>.amazonaws.com/S3', protected: false }]);
    const [url] = stageVariables(stages[0]!, { apiKey: false, bearer: false, lambda: false, basic: false, iam: true });
    expect(url).toMatchObject({ name: 'S3_BASE_URL', placeholder: 'https://9gn28ca086.execute-api.<region>.amazonaws.com/S3' });
  });

  it('one stage named in the spec, without a dev/prod counterpart: the config says why there is only one', async () => {
    const spec = corpus('aws-s3-proxy/s3-proxy.swagger.json');
    const { contents } = renderScaffold(await loadSpec(spec), await raw('aws-s3-proxy/s3-proxy.swagger.json'), { dir: tmpdir(), specLocation: spec });
    expect(contents['gateproof.config.ts']).toContain('// Only one stage is named in the spec (S3): add the others (e.g. dev, prod)');
    expect(contents['gateproof.config.ts']).toContain("baseURL: env('S3_BASE_URL'),");
  });

  it('the scaffold of an OAuth2/bearer API loads with its .env filled, and presents the bearer token', async () => {
    const spec = corpus('ory-hydra/api.json');
    const dir = mkdtempSync(join(tmpdir(), 'gp-init-guess-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const { contents } = renderScaffold(await loadSpec(spec), await raw('ory-hydra/api.json'), { dir, specLocation: spec });
    writeFileSync(join(dir, 'gateproof.config.ts'), contents['gateproof.config.ts']!);
    expect(contents['.env.example']).toContain('DEV_TOKEN=');
    const environment = {
      DEV_BASE_URL: 'http://127.0.0.1:1/dev',
      PROD_BASE_URL: 'http://127.0.0.1:1/prod',
      DEV_TOKEN: 'opaque-dev',
      PROD_TOKEN: 'opaque-prod',
      DEV_BASIC_USERNAME: 'u',
      DEV_BASIC_PASSWORD: 'p',
      PROD_BASIC_USERNAME: 'u2',
      PROD_BASIC_PASSWORD: 'p2',
    };
    const config = await loadConfig(join(dir, 'gateproof.config.ts'), { environment });
    expect(config.stages.dev?.credentials.bearer).toEqual({ token: 'opaque-dev' });
    expect(config.stages.dev?.credentials.jwt).toBeUndefined();
    const model = await loadSpec(spec);
    const bearerOp = model.operations.find((o) => o.security[0]?.[0]?.scheme.name === 'bearer')!;
    expect((await presentCredentials(bearerOp, config.stages.dev!)).headers).toEqual({ authorization: 'Bearer opaque-dev' });
    // No claim can be forged into an opaque token: of the token defects, only a malformed token is planned.
    const tokenChecks = plan(model, config).filter((c) => c.operation === bearerOp.key && c.stage === 'dev' && JWT_KINDS.includes(c.kind as never));
    expect(tokenChecks.map((c) => c.kind)).toEqual(['auth.malformed-token']);
  });
});
