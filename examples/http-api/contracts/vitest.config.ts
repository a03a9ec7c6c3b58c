import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The HTTP example's consumer contract tests (Pact V4). `gateproof demo --config examples/http-api/gateproof.config.ts`
 * runs them (the consumer tests next to a config win over gateproof's bundled ones), or by hand:
 * `npx vitest run --config examples/http-api/contracts/vitest.config.ts` writes the pacts to contracts/pacts
 * (GATEPROOF_PACT_DIR overrides it; the folder's pacts are removed first, as for the bundled consumers).
 */
// TypeScript in the checkout, JavaScript compiled into gateproof's package.
const ext = extname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: [`consumers/**/*.pact${ext}`],
    globalSetup: [fileURLToPath(new URL(`../../../contracts/global-setup${ext}`, import.meta.url))],
    testTimeout: 30_000,
    // As for the bundled consumers: one retry for Pact's mock server missing a request on a loaded machine.
    retry: 1,
    pool: 'forks',
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: 'true', FORCE_COLOR: '0' },
  },
});
