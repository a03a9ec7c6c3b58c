import { _baseTest, test as base, expect } from '@playwright/test';
import type { Exchange, StageRequest } from '../src/http/exchange.ts';
import type { CallOptions } from '../src/request/call.ts';
import type { GateContext } from '../src/engine/gate-context.ts';
import { settingsFromEnv } from '../src/engine/settings.ts';
import type { StageConfig } from '../src/config/load.ts';
import { parseOnly } from '../src/plan/select.ts';
import { engineClient, type EngineClient } from './engine-client.ts';
import { CHECK_ANNOTATION, customKind, DESELECTED_ANNOTATION } from './suite-names.ts';

/**
 * Fixtures for the gate suite and for the team's own checks (customChecks; `import { test, expect } from
 * 'gateproof/suites'`):
 *   gateway      config, spec model and profile of the gateway under test
 *   stage        the project's stage: name, base URL, its config
 *   credentials  valid credentials of the stage (per operation, API key, a fresh JWT)
 *   api          the stage through the run's paced client: `call('GET /pets/{petId}', ...)` sends a valid
 *                request built from the spec, `send({ method, path })` a raw path below the stage
 * Custom tests count as checks of the kind they are tagged with (e.g. `{ tag: '@route.mapped' }`; untagged:
 * route.mapped) and are left out when --only does not select that kind. Heavy modules load lazily: workers
 * restart after every failed test, and the generated gate tests need only the engine.
 */

export interface GateOptions {
  /** The stage a project gates (set per project in playwright.config.ts). */
  stageName: string;
}

export interface StageInfo {
  name: string;
  baseURL: string;
  config: StageConfig;
}

export interface StageCredentials {
  /** Valid credentials of an operation ("GET /pets"), as headers and query parameters. */
  for(operation: string): Promise<{ headers: Record<string, string>; query: Record<string, string> }>;
  apiKey(name?: string): Promise<string | undefined>;
  /** A freshly minted (or the configured) valid JWT. */
  jwt(): Promise<string | undefined>;
}

export interface StageApi {
  stage: string;
  send(request: StageRequest): Promise<Exchange>;
  call(operation: string, options?: CallOptions): Promise<Exchange>;
}

interface WorkerFixtures extends GateOptions {
  engine: EngineClient;
  gateway: GateContext;
  stage: StageInfo;
  credentials: StageCredentials;
  api: StageApi;
}

/** The generated gate tests need only the engine: no per-test fixture (each costs Playwright a step). */
export const gateTest = _baseTest.extend<Record<never, never>, { engine: EngineClient }>({
  engine: [async ({}, use) => use(engineClient()), { scope: 'worker' }],
});

export const test = base.extend<{ selectedKind: void }, WorkerFixtures>({
  stageName: ['', { option: true, scope: 'worker' }],

  engine: [async ({}, use) => use(engineClient()), { scope: 'worker' }],

  gateway: [
    async ({}, use) => {
      const { loadGateContext } = await import('../src/engine/gate-context.ts');
      await use(await loadGateContext(settingsFromEnv()));
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  stage: [
    async ({ gateway, stageName }, use) => {
      const config = gateway.config.stages[stageName];
      if (!config) throw new Error(`stage "${stageName}" is not in the config (set \`use: { stageName }\` on the project)`);
      await use({ name: stageName, baseURL: config.baseURL, config });
    },
    { scope: 'worker' },
  ],

  credentials: [
    async ({ gateway, stage }, use) => {
      const { presentCredentials, credentialValue } = await import('../src/auth/credentials.ts');
      const { validToken } = await import('../src/auth/tokens.ts');
      await use({
        async for(operation) {
          const op = gateway.model.operations.find((o) => o.key === operation);
          if (!op) throw new Error(`"${operation}" is not an operation of the spec`);
          const { headers, query } = await presentCredentials(op, stage.config);
          return { headers, query };
        },
        apiKey: (name = 'default') => credentialValue('apiKey', stage.config, name),
        jwt: async () => (stage.config.credentials.jwt ? validToken(stage.config.credentials.jwt) : undefined),
      });
    },
    { scope: 'worker' },
  ],

  api: [
    async ({ engine, stageName }, use) => {
      await use({
        stage: stageName,
        send: (request) => engine.send(stageName, request),
        call: (operation, options) => engine.call(stageName, operation, options),
      });
    },
    { scope: 'worker' },
  ],

  // Custom tests run only when --only selects the kind they are tagged with (gate tests are preselected).
  selectedKind: [
    async ({}, use, testInfo) => {
      if (!testInfo.annotations.some((a) => a.type === CHECK_ANNOTATION)) {
        const kind = customKind(testInfo.tags);
        if (!parseOnly(settingsFromEnv().only)(kind)) {
          testInfo.annotations.push({ type: DESELECTED_ANNOTATION, description: kind });
          test.skip(true, 'not selected by --only');
        }
      }
      await use();
    },
    { auto: true },
  ],
});

export { expect };
