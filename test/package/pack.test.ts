import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { devFiles } from './dev-files.ts';

/** What `npm pack` would ship from the checkout as it is (the files whitelist; dist/ only when a build is there). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: ROOT, encoding: 'utf8' });
  const [result] = JSON.parse(out.slice(out.indexOf('['))) as { files: { path: string }[] }[];
  return (result?.files ?? []).map((f) => f.path);
}

describe('the package', () => {
  // The built dist/ is checked on the real tarball by adopt.test.ts (`npm pack` builds it first).
  it("ships the CLI, the CI templates, the k6 scenarios and the config schema, and nothing of gateproof's own development", () => {
    const files = packedFiles().filter((f) => !f.startsWith('dist/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'bin/gateproof.js',
        'gateproof.schema.json',
        'ci/github/post-deploy-smoke.yml',
        'scenarios/slo.ts',
        'scenarios/lib/runtime.ts',
      ]),
    );
    expect(devFiles(files)).toEqual([]);
    expect(files.filter((f) => f.startsWith('bin/'))).toEqual(['bin/gateproof.js']);
  });

  it('the dev-file filter catches what it exists for', () => {
    expect(
      devFiles([
        'test/init/init.test.ts',
        'test/fixtures/specs/library.yaml',
        'bench/run.ts',
        'scripts/setup.sh',
        '.ci/run',
        'src/index.ts',
        'dist/src/x.test.js',
        'scenarios/tsconfig.json',
      ]),
    ).toHaveLength(8);
    expect(
      devFiles([
        'dist/suites/fixtures.js',
        'dist/suites/gate.spec.js',
        'dist/examples/checks/health.spec.js',
        'dist/contracts/consumers/pet-portal/pet-portal.pact.js',
      ]),
    ).toEqual([]);
  });
});
