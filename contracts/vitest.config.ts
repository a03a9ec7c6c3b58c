import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Consumer contract tests (Pact V4): `npm run contracts:consumers`, or `gateproof contracts check|verify
 * --regenerate`. Each consumer's tests run against Pact's mock server and write contracts/pacts/<consumer>-<provider>.json
 * (GATEPROOF_PACT_DIR overrides the folder); the folder's pacts are removed before each run.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['consumers/**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 30_000,
    // Pact's mock server very rarely misses a request on a loaded machine (seen once on 2 busy cores):
    // one retry keeps pact generation deterministic without hiding a consumer test that really fails.
    retry: 1,
    pool: 'forks',
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0' },
  },
});
