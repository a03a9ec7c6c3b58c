import { join, relative } from 'node:path';
import { GateproofError } from '../../domain/errors.ts';
import { CI_KINDS, type CiKind } from '../../init/ci.ts';
import { scaffold } from '../../init/scaffold.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold gateproof.config.ts, .env.example and a CI template from your spec',
  usage: [
    'gateproof init [--spec S] [--ci github|gitlab] [--dir D] [--force]',
    '  --spec S   the OpenAPI/Swagger file or URL (default: openapi.yaml, swagger.json, ... in the folder)',
    '  --ci       also write the pipelines: github -> .github/workflows/gateproof-*.yml,',
    '             gitlab -> .gitlab/gateproof/*.gitlab-ci.yml',
    '  --dir D    the repository to scaffold into (default: the working directory)',
    '  --force    replace existing files (otherwise init refuses and exits 2)',
  ].join('\n'),
  flags: ['--spec', '--ci', '--dir', '--force'],
  async run(argv, io) {
    const { values } = parseCommandArgs('init', argv, {
      ci: { type: 'string' },
      dir: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    if (values.ci !== undefined && !CI_KINDS.includes(values.ci as CiKind)) {
      throw new GateproofError('USAGE', `init: unknown --ci "${values.ci}"`, { hint: `use one of: ${CI_KINDS.join(', ')}` });
    }
    const result = await scaffold({ dir: values.dir ?? process.cwd(), spec: values.spec, ci: values.ci as CiKind | undefined, force: values.force });
    const shown = (f: string): string => {
      const rel = relative(process.cwd(), join(result.dir, f));
      return rel.startsWith('..') ? join(result.dir, f) : rel;
    };
    io.out(`scaffolded from ${result.spec}:`);
    for (const file of result.files) io.out(`  wrote ${shown(file)}`);
    io.out(`stages: ${result.stages.map((s) => `${s.name}${s.protected ? ' (protected)' : ''}`).join(', ')}`);
    if (result.specWarnings.length) io.out(`spec warnings (${result.specWarnings.length}):\n${result.specWarnings.map((w) => `  ! ${w}`).join('\n')}`);
    io.out('next:');
    io.out(`  1. cp .env.example .env and fill in ${result.vars.filter((v) => v.secret).length} credential(s) (never commit .env)`);
    io.out('  2. npx gateproof plan      # the checks, without sending a request');
    io.out('  3. npx gateproof smoke     # the gate');
    if (values.ci) io.out(`  4. add the credentials to your ${values.ci === 'github' ? 'GitHub Actions secrets' : 'GitLab masked CI/CD variables'}`);
    return 0;
  },
};
