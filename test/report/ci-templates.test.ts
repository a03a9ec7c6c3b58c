import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { globalOptions } from '../../src/cli/args.ts';
import type { Command } from '../../src/cli/command.ts';
import { commands } from '../../src/cli/commands/index.ts';
import { CI_TEMPLATES, fillTemplate } from '../../src/init/ci.ts';
import { stageVariables } from '../../src/init/env-vars.ts';
import { ROOT } from '../helpers/cli.ts';

const CI = join(ROOT, 'ci');
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });

const parseYaml = (text: string, file: string): unknown[] => {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list)
    expect(
      doc.errors.map((e) => e.message),
      file,
    ).toEqual([]);
  return list.map((d) => d.toJS());
};

/** Every string scalar of a YAML tree. */
const strings = (node: unknown): string[] =>
  typeof node === 'string'
    ? [node]
    : Array.isArray(node)
      ? node.flatMap(strings)
      : node && typeof node === 'object'
        ? Object.values(node).flatMap(strings)
        : [];

/** Shell words of one gateproof invocation (up to a separator), quotes removed. */
function words(rest: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^\s;&|)"']+)|([;&|)\n])/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m[4]) break;
    out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return out;
}

export interface Invocation {
  file: string;
  command: string;
  args: string[];
}

export function invocations(file: string, docs: unknown[]): Invocation[] {
  const found: Invocation[] = [];
  for (const text of docs.flatMap(strings)) {
    for (const m of text.matchAll(/\bnpx\s+(?:--yes\s+)?gateproof\s+/g)) {
      const [command = '', ...args] = words(text.slice((m.index ?? 0) + m[0].length));
      found.push({ file, command, args });
    }
  }
  return found;
}

const GLOBAL_FLAGS = new Set(Object.keys(globalOptions).map((f) => `--${f}`));

/** The flags a command accepts: its `flags`, else those written in its usage string. */
export const acceptedFlags = (command: Command): Set<string> =>
  new Set([...GLOBAL_FLAGS, ...(command.flags ?? [...command.usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]))]);

/** `--scenario throttle|slo|soak` in a usage string: the flag takes a value, from that list. */
const usageValues = (usage: string, flag: string): { takesValue: boolean; choices?: string[] } => {
  const m = new RegExp(`${flag}[ =]([A-Za-z0-9_|,.-]+)`).exec(usage);
  if (!m?.[1]) return { takesValue: flag === '--config' || flag === '--spec' };
  return { takesValue: true, choices: m[1].includes('|') ? m[1].split('|') : undefined };
};

function checkInvocation(inv: Invocation): string[] {
  const command = commands.find((c) => c.name === inv.command);
  if (!command) return [`${inv.file}: \`gateproof ${inv.command}\` is not a command (${commands.map((c) => c.name).join(', ')})`];
  const problems: string[] = [];
  const accepted = acceptedFlags(command);
  for (let i = 0; i < inv.args.length; i++) {
    const arg = inv.args[i] ?? '';
    if (arg.startsWith('--')) {
      const [flag = '', inline] = arg.split('=', 2);
      if (!accepted.has(flag)) problems.push(`${inv.file}: \`gateproof ${inv.command}\` has no flag ${flag} (accepts ${[...accepted].join(', ')})`);
      const { takesValue, choices } = usageValues(command.usage, flag);
      const value = inline ?? (takesValue ? inv.args[++i] : undefined);
      if (takesValue && value === undefined) problems.push(`${inv.file}: ${flag} needs a value`);
      if (choices && value && !value.includes('$') && !choices.includes(value))
        problems.push(`${inv.file}: ${flag} ${value} is not one of ${choices.join(', ')}`);
    } else if (arg.startsWith('-')) {
      problems.push(`${inv.file}: short flag ${arg} in a template (write the long form)`);
    } else if (!new RegExp(`(^|[\\s|])${arg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s|])`).test(command.usage)) {
      problems.push(`${inv.file}: \`gateproof ${inv.command} ${arg}\`: "${arg}" is not a subcommand in its usage (${command.usage.split('\n')[0]})`);
    }
  }
  return problems;
}

describe('CI templates', () => {
  const files = yamlFiles(CI);
  const parsed = files.map((file) => ({ file: relative(ROOT, file), docs: parseYaml(readFileSync(file, 'utf8'), file) }));

  it('exist for GitHub and GitLab and parse as YAML', () => {
    const names = parsed.map((p) => p.file);
    for (const name of ['post-deploy-smoke', 'nightly-load', 'partner-contracts']) {
      expect(names).toContain(`ci/github/${name}.yml`);
      expect(names).toContain(`ci/gitlab/${name}.gitlab-ci.yml`);
    }
  });

  it('call only existing gateproof commands, with flags those commands accept', () => {
    const all = parsed.flatMap((p) => invocations(p.file, p.docs));
    const problems = all.flatMap(checkInvocation);
    expect(problems).toEqual([]);
    const seen = new Set(all.map((i) => `${i.file} ${i.command} ${i.args.filter((a) => !a.startsWith('$')).join(' ')}`));
    for (const ci of ['ci/github/', 'ci/gitlab/']) {
      const ext = ci === 'ci/github/' ? '.yml' : '.gitlab-ci.yml';
      expect(seen).toContain(`${ci}post-deploy-smoke${ext} smoke --stage`);
      expect(seen).toContain(`${ci}nightly-load${ext} load --scenario throttle --stage`);
      expect(seen).toContain(`${ci}nightly-load${ext} load --scenario slo --stage`);
      expect(seen).toContain(`${ci}partner-contracts${ext} contracts verify --stage`);
    }
  });

  it('the checker catches unknown commands, flags and values', () => {
    const bad = invocations('x.yml', [{ run: 'npx gateproof smok --stage dev && npx gateproof smoke --stag dev; npx gateproof load --scenario spike' }]);
    expect(bad.map((i) => i.command)).toEqual(['smok', 'smoke', 'load']);
    const problems = bad.flatMap(checkInvocation);
    expect(problems.join('\n')).toMatch(/`gateproof smok` is not a command/);
    expect(problems.join('\n')).toMatch(/no flag --stag/);
    expect(problems.join('\n')).toMatch(/--scenario spike is not one of throttle, slo, soak/);
  });

  it('take credentials only from the CI secret store', () => {
    const credential = /(KEY|TOKEN|SECRET|PASSWORD|PASS)$/;
    for (const { file, docs } of parsed) {
      const maps: Record<string, unknown>[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if ((k === 'env' || k === 'variables') && v && typeof v === 'object') maps.push(v as Record<string, unknown>);
            walk(v);
          }
        }
      };
      docs.forEach(walk);
      for (const map of maps) {
        for (const [name, value] of Object.entries(map)) {
          if (!credential.test(name)) continue;
          if (file.startsWith('ci/github/')) expect(String(value), `${file} ${name}`).toMatch(/^\$\{\{ secrets\.[A-Z0-9_]+ \}\}$/);
          else expect.fail(`${file}: ${name} is set in the template; credentials come from masked CI/CD variables`);
        }
      }
      expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/(api[_-]?key|token|secret|password)\s*[:=]\s*['"]?[A-Za-z0-9_-]{12,}/i);
    }
  });

  it('GitHub workflows keep the report: an upload step that runs always, per job that runs gateproof', () => {
    for (const { file, docs } of parsed.filter((p) => p.file.startsWith('ci/github/'))) {
      const wf = docs[0] as { on: unknown; jobs: Record<string, { 'runs-on': string; steps?: { uses?: string; if?: string; run?: string }[] }> };
      expect(wf.on, file).toBeDefined();
      for (const [name, job] of Object.entries(wf.jobs)) {
        expect(job['runs-on'], `${file} ${name}`).toBeTruthy();
        const runsGateproof = (job.steps ?? []).some((s) => /npx gateproof (smoke|load|contracts verify)/.test(s.run ?? ''));
        if (!runsGateproof) continue;
        const upload = (job.steps ?? []).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
        expect(upload?.if, `${file} ${name}`).toBe('always()');
      }
    }
  });

  it('GitLab jobs keep the report as an artifact when they fail, with junit.xml as the JUnit report', () => {
    for (const { file, docs } of parsed.filter((p) => p.file.startsWith('ci/gitlab/'))) {
      const jobs = Object.entries(docs[0] as Record<string, { script?: string[]; artifacts?: { when?: string; reports?: { junit?: string } } }>).filter(
        ([, j]) => (j.script ?? []).some((s) => /npx gateproof (smoke|load|contracts)/.test(s)),
      );
      expect(jobs.length, file).toBeGreaterThan(0);
      for (const [name, job] of jobs) {
        expect(job.artifacts?.when, `${file} ${name}`).toBe('always');
        expect(job.artifacts?.reports?.junit, `${file} ${name}`).toMatch(/junit\.xml$/);
      }
    }
  });

  it('stay valid once `gateproof init` fills in stages and variables', () => {
    const stages = [
      { name: 'qa', baseURL: undefined, protected: false },
      { name: 'live', baseURL: 'https://x.execute-api.eu-west-1.amazonaws.com/live', protected: true },
    ];
    const vars = stages.flatMap((s) => stageVariables(s, { apiKey: true, lambda: true, basic: false, iam: false, jwt: { mode: 'secret', scopes: [] } }));
    for (const ci of ['github', 'gitlab'] as const) {
      for (const { template } of CI_TEMPLATES[ci]) {
        const filled = fillTemplate(readFileSync(join(CI, template), 'utf8'), { ci, stages, vars });
        const docs = parseYaml(filled, template);
        expect(invocations(template, docs).flatMap(checkInvocation)).toEqual([]);
        expect(
          docs.flatMap(strings).filter((v) => /\bdev\b/.test(v)),
          template,
        ).toEqual([]);
        if (ci === 'github') {
          expect(filled).toContain('QA_API_KEY: ${{ secrets.QA_API_KEY }}');
          expect(filled).toContain('QA_BASE_URL: ${{ vars.QA_BASE_URL }}');
          expect(filled).not.toContain('LIVE_BASE_URL');
        } else {
          expect(filled).toMatch(/#\s+QA_API_KEY, QA_JWT_SECRET, QA_LAMBDA_TOKEN, LIVE_API_KEY, LIVE_JWT_SECRET, LIVE_LAMBDA_TOKEN \(masked\)/);
        }
      }
    }
  });
});
