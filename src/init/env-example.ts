import type { EnvVar } from './env-vars.ts';

/** The text of a scaffolded .env.example: every variable the config reads, with placeholders. Pure. */
export function renderEnvExample(vars: EnvVar[], title: string): string {
  const lines = [
    `# Variables gateproof.config.ts reads for ${title.replace(/\s+/g, ' ')}.`,
    '# Copy to .env (never commit .env) and fill in real values; in CI, put the credentials in the secret store',
    '# (GitHub: Actions secrets; GitLab: masked CI/CD variables). Base URLs are not secret.',
  ];
  let stage = '';
  for (const v of vars) {
    if (v.stage !== stage) {
      stage = v.stage;
      lines.push('', `# ${stage}`);
    }
    lines.push(`# ${v.description}${v.secret ? ' (secret)' : ''}`, `${v.name}=${v.placeholder}`);
  }
  return `${lines.join('\n')}\n`;
}
