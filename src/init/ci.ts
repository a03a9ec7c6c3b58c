import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EnvVar } from './env-vars.ts';
import type { StageGuess } from './stages.ts';

export type CiKind = 'github' | 'gitlab';
export const CI_KINDS: readonly CiKind[] = ['github', 'gitlab'];

/** The templates init copies, and where they land in the user's repository. */
export const CI_TEMPLATES: Record<CiKind, { template: string; target: string }[]> = {
  github: ['post-deploy-smoke', 'nightly-load', 'partner-contracts'].map((name) => ({
    template: `github/${name}.yml`,
    target: `.github/workflows/gateproof-${name}.yml`,
  })),
  gitlab: ['post-deploy-smoke', 'nightly-load', 'partner-contracts'].map((name) => ({
    template: `gitlab/${name}.gitlab-ci.yml`,
    target: `.gitlab/gateproof/${name}.gitlab-ci.yml`,
  })),
};

export const CI_DIR = fileURLToPath(new URL('../../ci/', import.meta.url));

export interface CiFillInput {
  ci: CiKind;
  stages: StageGuess[];
  /** The variables the scaffolded config reads. */
  vars: EnvVar[];
}

/** The CI files for the user's repository: path -> content. Reads the templates from ci/. */
export function ciFiles(input: CiFillInput, ciDir = CI_DIR): Record<string, string> {
  return Object.fromEntries(CI_TEMPLATES[input.ci].map(({ template, target }) => [target, fillTemplate(readFileSync(`${ciDir}${template}`, 'utf8'), input)]));
}

/**
 * Fills a template: the env block between `gateproof:env-begin` / `gateproof:env-end` lists the config's
 * variables (GitHub: mapped from secrets / vars; GitLab: named in a comment), lines tagged
 * `# gateproof:stage` get the primary stage and `# gateproof:stages` every stage. Pure.
 */
export function fillTemplate(text: string, input: CiFillInput): string {
  const names = input.stages.map((s) => s.name);
  const primary = (input.stages.find((s) => !s.protected) ?? input.stages[0])?.name ?? 'dev';
  // Base URLs with a default in the config are left out: an unset CI variable would override the default with "".
  const mapped = input.vars.filter((v) => v.secret || !input.stages.find((s) => s.name === v.stage)?.baseURL);
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.includes('gateproof:env-begin')) {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      out.push(line);
      while (i + 1 < lines.length && !(lines[i + 1] ?? '').includes('gateproof:env-end')) i++;
      out.push(...envLines(input.ci, mapped, indent));
      continue;
    }
    if (line.endsWith('# gateproof:stages')) out.push(line.replace(/\[[^\]]*\]/, `[${names.join(', ')}]`).replace(/'[^']*'/, `'${names.join(',')}'`));
    else if (line.endsWith('# gateproof:stage')) out.push(line.replace(/\bdev\b/g, primary));
    else out.push(line);
  }
  return out.join('\n');
}

function envLines(ci: CiKind, vars: EnvVar[], indent: string): string[] {
  if (ci === 'github') return vars.map((v) => `${indent}${v.name}: \${{ ${v.secret ? 'secrets' : 'vars'}.${v.name} }}`);
  const plain = vars.filter((v) => !v.secret).map((v) => v.name);
  const masked = vars.filter((v) => v.secret).map((v) => v.name);
  return [
    ...(plain.length ? [`${indent}#   ${plain.join(', ')} (plain)`] : []),
    ...(masked.length ? [`${indent}#   ${masked.join(', ')} (masked)`] : []),
    ...(plain.length + masked.length === 0 ? [`${indent}#   (none: the config reads no variables)`] : []),
  ];
}
