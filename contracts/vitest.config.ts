import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// TypeScript in the checkout, JavaScript compiled into gateproof's package (`gateproof demo` runs it from there).
const ext = extname(fileURLToPath(import.meta.url));

/**
 * The example's consumer contract tests (Pact V4): `npm run contracts:consumers`, or `gateproof contracts
 * check|verify --regenerate`, or `gateproof demo`. Each consumer's tests run against Pact's mock server and write contracts/pacts/<consumer>-<provider>.json
 * (GATEPROOF_PACT_DIR overrides the folder); the folder's pacts are removed before each run.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    // *.pact.ts: a project's own test runner (default *.test.ts) leaves them to this config.
    include: [`consumers/**/*.pact${ext}`],
    globalSetup: [`./global-setup${ext}`],
    testTimeout: 30_000,
    // Pact's mock server very rarely misses a request on a loaded machine (seen once on 2 busy cores):
    // one retry keeps pact generation deterministic without hiding a consumer test that really fails.
    retry: 1,
    pool: 'forks',
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0' },
  },
});
