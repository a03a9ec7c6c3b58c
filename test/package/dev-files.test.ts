import { describe, expect, it } from 'vitest';
import { devFiles } from './dev-files.ts';

// The tarball itself is listed and checked by adopt.test.ts, on the package `npm pack` builds.
describe('what never ships', () => {
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
