import type { CredentialNeeds } from './credentials.ts';
import { stageVariables } from './env-vars.ts';
import type { StageGuess } from './stages.ts';

export interface ConfigSourceInput {
  /** Module specifier of gateproof ('gateproof', or a relative path when it is not installed next to the config). */
  importFrom: string;
  /** Spec path relative to the config (or a URL). */
  spec: string;
  title: string;
  profile: 'aws-rest' | 'generic';
  stages: StageGuess[];
  needs: CredentialNeeds;
}

/** The text of a scaffolded gateproof.config.ts. Pure. */
export function renderConfigSource(input: ConfigSourceInput): string {
  const stages = input.stages.map((stage) => stageBlock(stage, input.needs)).join('\n');
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
${stages}
  },
  // Operations deployed on some stages only: 'GET /admin/stats': ['dev'],
  exposure: {},
  // Latency SLOs in ms for \`gateproof load --scenario slo\`.
  slo: {
    global: { p95: 500, p99: 1000 },
    operations: {},
    errorRate: 0.01,
  },
});
`;
}

function stageBlock(stage: StageGuess, needs: CredentialNeeds): string {
  const vars = new Map(stageVariables(stage, needs).map((v) => [v.suffix, v.name]));
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
  if (needs.lambda) credentials.push(`lambda: { allow: [${ref('LAMBDA_TOKEN')}], token: ${ref('LAMBDA_TOKEN')} },`);
  if (needs.basic) credentials.push(`basic: { username: ${ref('BASIC_USERNAME')}, password: ${ref('BASIC_PASSWORD')} },`);
  if (needs.iam) credentials.push('// SigV4 (IAM) routes: gateproof does not sign requests; their auth checks expect rejections only.');
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

/** A single-quoted TypeScript string literal. */
export const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`;
const key = (name: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : q(name));
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();
