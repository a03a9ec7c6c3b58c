import type { CredentialNeeds } from './credentials.ts';
import { stageVariables } from './env-vars.ts';
import { envPrefix, type StageGuess } from './stages.ts';

export interface ConfigSourceInput {
  /** Module specifier of gateproof ('gateproof', or a relative path when it is not installed next to the config). */
  importFrom: string;
  /** Spec path relative to the config (or a URL). */
  spec: string;
  title: string;
  profile: 'aws-rest' | 'aws-http' | 'generic';
  stages: StageGuess[];
  needs: CredentialNeeds;
  /** The provider's name in the pacts (written with `init --contracts`; the default is the same slug). */
  provider?: string;
  /** The config takes SigV4 credentials (init/sigv4.ts). */
  sigv4: boolean;
  /** The AWS region the spec names, for SigV4. */
  region?: string;
}

/** The text of a scaffolded gateproof.config.ts. Pure. */
export function renderConfigSource(input: ConfigSourceInput): string {
  const stages = input.stages.map((stage) => stageBlock(stage, input)).join('\n');
  const onlyOne =
    input.stages.length === 1
      ? `    // Only one stage is named in the spec (${oneLine(input.stages[0]!.name)}): add the others (e.g. dev, prod) so that\n    // stage.key-isolation and stage.routing can check that they are kept apart.\n`
      : '';
  return `import { defineConfig, env } from ${q(input.importFrom)};

/**
 * gateproof config for ${oneLine(input.title)} (scaffolded by \`gateproof init\`).
 * Credentials are env() references: values come from the environment or a .env file next to this file
 * (see .env.example), in CI from the secret store. Never write a credential into this file.
 * Check it with \`npx gateproof plan\`; defineConfig types every field (JSON Schema: gateproof/gateproof.schema.json).
 */
export default defineConfig({
  spec: ${q(input.spec)},
  profile: ${q(input.profile)},
  stages: {
${onlyOne}${stages}
  },
  // Operations deployed on some stages only: 'GET /admin/stats': ['dev'],
  exposure: {},
  // Latency SLOs in ms for \`gateproof load --scenario slo\`.
  slo: {
    global: { p95: 500, p99: 1000 },
    operations: {},
    errorRate: 0.01,
  },
  // Your own Playwright checks run beside the planned ones (default: checks/**/*.spec.ts next to this file).
  // customChecks: ['checks/**/*.spec.ts'],${
    input.provider
      ? `
  // Consumer contracts: the provider's name in the pacts (contracts/consumers/, \`gateproof contracts verify --regenerate\`).
  contracts: { provider: ${q(input.provider)} },`
      : ''
  }
});
`;
}

function stageBlock(stage: StageGuess, input: ConfigSourceInput): string {
  const needs = input.needs;
  const vars = new Map(stageVariables(stage, needs, { sigv4: input.sigv4 }).map((v) => [v.suffix, v.name]));
  const ref = (suffix: string): string => `env(${q(vars.get(suffix) ?? suffix)})`;
  const baseURL = stage.baseURL ? `env(${q(vars.get('BASE_URL')!)}, ${q(stage.baseURL)})` : ref('BASE_URL');
  const credentials: string[] = [];
  if (needs.apiKey) credentials.push(`apiKeys: { default: ${ref('API_KEY')} },`);
  if (needs.jwt) {
    const j = needs.jwt;
    const signing = j.mode === 'secret' ? `alg: 'HS256', secret: ${ref('JWT_SECRET')}` : `token: ${ref('JWT_TOKEN')}`;
    const scopes = j.scopes.length ? `, scopes: [${j.scopes.map(q).join(', ')}]` : '';
    credentials.push(
      `// ${j.issuer ? "issuer and audience from the spec's JWT authorizer" : 'TODO: the issuer and audience your JWT authorizer accepts'}${j.mode === 'secret' ? '; RS256/ES256: privateKey: env(...) instead of secret' : ''}`,
      `jwt: { issuer: ${q(j.issuer ?? 'https://issuer.example.com/')}, audience: ${q(j.audience ?? 'my-api')}, ${signing}${scopes} },`,
    );
  }
  if (needs.bearer) {
    credentials.push(
      '// an access token the gateway accepts (OAuth2 / OpenID Connect / opaque): gateproof cannot mint one, so of the',
      '// token defects it checks that a malformed token is refused',
      `bearer: { token: ${ref('TOKEN')} },`,
    );
  }
  if (needs.lambda) credentials.push(`lambda: { allow: [${ref('LAMBDA_TOKEN')}], token: ${ref('LAMBDA_TOKEN')} },`);
  if (needs.basic) credentials.push(`basic: { username: ${ref('BASIC_USERNAME')}, password: ${ref('BASIC_PASSWORD')} },`);
  if (needs.iam) credentials.push(...iamLines(input, stage, ref));
  const lines = [
    `    ${key(stage.name)}: {`,
    `      baseURL: ${baseURL},`,
    ...(stage.protected ? ['      protected: true, // throttle and load runs need --allow-protected'] : []),
    ...(credentials.length ? ['      credentials: {', ...credentials.map((c) => `        ${c}`), '      },'] : []),
    '      // Declared limits turn on the throttle checks (AWS methodSettings / usage plan):',
    '      // throttle: { rate: 100, burst: 50 },',
    "      // operationThrottle: { 'POST /orders': { rate: 10, burst: 5 } },",
    "      // quota: { key: 'quota', limit: 1000, period: 'DAY' },",
    "      // Does the backend say which stage answered? { type: 'header', name: 'x-stage', expect: '" + stage.name + "' }",
    "      oracle: { type: 'none' },",
    '    },',
  ];
  return lines.join('\n');
}

/** SigV4 credentials for IAM routes where the config takes them; otherwise what happens to those routes. */
function iamLines(input: ConfigSourceInput, stage: StageGuess, ref: (suffix: string) => string): string[] {
  if (!input.sigv4) {
    return [
      '// IAM (SigV4) routes: this gateproof version cannot sign requests, so their checks that need a signed',
      '// request are skipped (with a warning); unsigned requests are still checked to be refused.',
    ];
  }
  const region = input.region ? `${q(input.region)}` : `'us-east-1' /* the API's region */`;
  return [
    '// IAM (SigV4) routes: requests are signed with an identity allowed to invoke the stage; temporary (STS)',
    `// credentials also need sessionToken: env('${envPrefix(stage.name)}_AWS_SESSION_TOKEN')`,
    `sigv4: { accessKeyId: ${ref('AWS_ACCESS_KEY_ID')}, secretAccessKey: ${ref('AWS_SECRET_ACCESS_KEY')}, region: ${region}, service: 'execute-api' },`,
  ];
}

/** A single-quoted TypeScript string literal. */
export const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`;
const key = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : q(name));
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();
