import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The long end-to-end folders start first (slowest first), so the two workers finish together instead of one
 * small-but-slow file starting last; within a folder and for the rest, vitest's own order.
 */
const LONG_FIRST = [
  'test/gauntlet/',
  'test/generality/',
  'test/checks/throttle/',
  'test/demo/',
  'test/package/',
  'test/robustness/',
  'test/load/',
  'test/corpus/',
];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      const index = LONG_FIRST.findIndex((folder) => relative(process.cwd(), file.moduleId).startsWith(folder));
      return index < 0 ? LONG_FIRST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // End-to-end tests start gateways, Playwright and k6: two cores, so keep files from starving each other.
    maxWorkers: 2,
    // Concurrent tests within a file (the gauntlet's pacing-bound cases) two at a time.
    maxConcurrency: 2,
    sequence: { sequencer: LongFirst },
    env: { K6_NO_USAGE_REPORT: 'true', PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0' },
  },
});
