import type { CredentialNeeds } from './credentials.ts';
import { envPrefix, type StageGuess } from './stages.ts';

/** One environment variable the scaffolded config reads. */
export interface EnvVar {
  name: string;
  /** The name without the stage prefix: BASE_URL, API_KEY, ... */
  suffix: string;
  stage: string;
  /** Credentials go to the CI's secret store; base URLs may be plain variables. */
  secret: boolean;
  /** What .env.example shows. */
  placeholder: string;
  description: string;
}

/** The variables of one stage, in the order the config and .env.example list them. Pure. */
export function stageVariables(stage: StageGuess, needs: CredentialNeeds): EnvVar[] {
  const p = envPrefix(stage.name);
  const vars: EnvVar[] = [
    {
      name: `${p}_BASE_URL`,
      suffix: 'BASE_URL',
      stage: stage.name,
      secret: false,
      placeholder: stage.baseURL ?? `https://api.example.com/${stage.name}`,
      description: `base URL of the ${stage.name} stage, including the stage path`,
    },
  ];
  const add = (suffix: string, description: string, placeholder = `replace-me-${stage.name}-${suffix.toLowerCase().replace(/_/g, '-')}`): void => {
    vars.push({ name: `${p}_${suffix}`, suffix, stage: stage.name, secret: true, placeholder, description });
  };
  if (needs.apiKey) add('API_KEY', `an API key valid on ${stage.name} (in a usage plan of that stage)`);
  if (needs.jwt?.mode === 'secret') add('JWT_SECRET', `the HS256 secret the ${stage.name} JWT authorizer trusts (or switch to privateKey for RS256/ES256)`);
  if (needs.jwt?.mode === 'token') add('JWT_TOKEN', `a valid access token for ${stage.name} (gateproof cannot sign Cognito tokens)`);
  if (needs.lambda) add('LAMBDA_TOKEN', `a token the ${stage.name} Lambda authorizer allows`);
  if (needs.basic) {
    add('BASIC_USERNAME', `basic-auth user on ${stage.name}`);
    add('BASIC_PASSWORD', `basic-auth password on ${stage.name}`);
  }
  return vars;
}
