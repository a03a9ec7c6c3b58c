import { defineConfig } from 'vitest/config';

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
    env: { K6_NO_USAGE_REPORT: 'true', PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0' },
  },
});
