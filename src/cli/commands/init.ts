import { join, relative } from 'node:path';
import { GateproofError } from '../../domain/errors.ts';
import { CI_KINDS, type CiKind } from '../../init/ci.ts';
import { scaffold } from '../../init/scaffold.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold gateproof.config.ts, .env.example, an example check and CI templates from your spec',
  usage: [
    'gateproof init [--spec S] [--ci github|gitlab] [--contracts] [--dir D] [--force]',
    '  writes gateproof.config.ts, .env.example and checks/example.spec.ts (a check of your own for your spec),',
    '  and adds .env and reports/ to .gitignore',
    '  --spec S      the OpenAPI/Swagger file or URL (default: openapi.yaml, swagger.json, ... in the folder)',
    '  --ci          also write the pipelines: github -> .github/workflows/gateproof-*.yml,',
    '                gitlab -> .gitlab/gateproof/*.gitlab-ci.yml',
    '  --contracts   also write consumer contract tests: contracts/vitest.config.ts and an example consumer',
    '                (contracts/consumers/), with the provider named after the spec in the config',
    '  --dir D       the repository to scaffold into (default: the working directory)',
    '  --force       replace existing files (otherwise init refuses and exits 2)',
  ].join('\n'),
  flags: ['--spec', '--ci', '--contracts', '--dir', '--force'],
  async run(argv, io) {
    const { values } = parseCommandArgs('init', argv, {
      ci: { type: 'string' },
      dir: { type: 'string' },
      contracts: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    });
    if (values.ci !== undefined && !CI_KINDS.includes(values.ci as CiKind)) {
      throw new GateproofError('USAGE', `init: unknown --ci "${values.ci}"`, { hint: `use one of: ${CI_KINDS.join(', ')}` });
    }
    const result = await scaffold({
      dir: values.dir ?? process.cwd(),
      spec: values.spec,
      ci: values.ci as CiKind | undefined,
      contracts: values.contracts,
      force: values.force,
    });
    const shown = (f: string): string => {
      const rel = relative(process.cwd(), join(result.dir, f));
      return rel.startsWith('..') ? join(result.dir, f) : rel;
    };
    io.out(`scaffolded from ${result.spec}:`);
    for (const file of result.files) io.out(`  wrote ${shown(file)}`);
    if (result.gitignore.length) io.out(`  added ${result.gitignore.join(', ')} to ${shown('.gitignore')}`);
    if (!result.example) io.out('  (no example check: the spec has no operation)');
    io.out(`stages: ${result.stages.map((s) => `${s.name}${s.protected ? ' (protected)' : ''}`).join(', ')}`);
    if (result.specWarnings.length) io.out(`spec warnings (${result.specWarnings.length}):\n${result.specWarnings.map((w) => `  ! ${w}`).join('\n')}`);
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    const steps = [
      `cp .env.example .env and fill in ${result.vars.filter((v) => v.secret).length} credential(s) (never commit .env)`,
      'npx gateproof plan       # the checks, without sending a request',
      'npx gateproof smoke      # the gate, with your checks/ (try it first on the local gateway: npx gateproof emulate)',
      'npx gateproof setup      # k6, once per machine, for npx gateproof load --scenario slo',
      ...(values.contracts && result.example
        ? ['npx gateproof contracts verify --regenerate   # your consumer tests -> pacts -> verified through the gateway']
        : []),
      ...(values.ci ? [`add the credentials to your ${values.ci === 'github' ? 'GitHub Actions secrets' : 'GitLab masked CI/CD variables'}`] : []),
    ];
    io.out('next:');
    steps.forEach((step, i) => io.out(`  ${i + 1}. ${step}`));
    return 0;
  },
};
