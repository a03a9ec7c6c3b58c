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

/**
 * The variables of one stage, in the order the config and .env.example list them. `sigv4`: the config takes
 * SigV4 credentials (see sigv4.ts), so IAM routes get an access key pair. Pure.
 */
export function stageVariables(stage: StageGuess, needs: CredentialNeeds, options: { sigv4?: boolean } = {}): EnvVar[] {
  const p = envPrefix(stage.name);
  const url = stage.baseURL ?? stage.urlTemplate ?? `https://api.example.com/${stage.name}`;
  const fillIn = stage.baseURL === undefined && stage.urlTemplate !== undefined ? ' (fill in the <...> parts)' : '';
  const vars: EnvVar[] = [
    {
      name: `${p}_BASE_URL`,
      suffix: 'BASE_URL',
      stage: stage.name,
      secret: false,
      placeholder: url,
      description: `base URL of the ${stage.name} stage, including the stage path${fillIn}`,
    },
  ];
  const add = (suffix: string, description: string, placeholder = `replace-me-${stage.name}-${suffix.toLowerCase().replace(/_/g, '-')}`): void => {
    vars.push({ name: `${p}_${suffix}`, suffix, stage: stage.name, secret: true, placeholder, description });
  };
  if (needs.apiKey) add('API_KEY', `an API key valid on ${stage.name} (in a usage plan of that stage)`);
  if (needs.jwt?.mode === 'secret') add('JWT_SECRET', `the HS256 secret the ${stage.name} JWT authorizer trusts (or switch to privateKey for RS256/ES256)`);
  if (needs.jwt?.mode === 'token') add('JWT_TOKEN', `a valid access token for ${stage.name} (gateproof cannot sign Cognito tokens)`);
  if (needs.bearer) add('TOKEN', `a valid access token for ${stage.name} (OAuth2 / OpenID Connect / opaque bearer: gateproof cannot mint one)`);
  if (needs.iam && options.sigv4) {
    add('AWS_ACCESS_KEY_ID', `the access key id of an IAM identity allowed to invoke the ${stage.name} stage (execute-api:Invoke)`);
    add('AWS_SECRET_ACCESS_KEY', `its secret access key`);
  }
  if (needs.lambda) add('LAMBDA_TOKEN', `a token the ${stage.name} Lambda authorizer allows`);
  if (needs.basic) {
    add('BASIC_USERNAME', `basic-auth user on ${stage.name}`);
    add('BASIC_PASSWORD', `basic-auth password on ${stage.name}`);
  }
  return vars;
}
