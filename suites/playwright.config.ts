import { defineConfig, type Project } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePlanFile } from '../src/engine/gate-context.ts';
import { pinRunDir, settingsFromEnv } from '../src/engine/settings.ts';
import type { GateOptions } from './fixtures.ts';
import { stageTagPattern } from './suite-names.ts';

/**
 * The gate on Playwright Test: one project per stage, stages side by side, each stage's tests in plan order
 * in one worker. The checks run in the gate engine (src/engine/session.ts), which paces each stage in
 * one place however many workers ask, runs the serial (throttle) checks after all others, one at a time,
 * and has results ready before most tests ask for them.
 *
 * `gateproof smoke` sets GATEPROOF_* variables (src/engine/settings.ts) and the engine's address; run
 * directly, this gates every stage of ./gateproof.config.ts and global-setup.ts starts an engine. Traces,
 * screenshots and videos stay off: requests carry credentials.
 */
pinRunDir();
const settings = settingsFromEnv();
const { checks } = await ensurePlanFile(settings);
const stages = settings.stages.length > 0 ? settings.stages : [...new Set(checks.map((c) => c.stage))];
const here = fileURLToPath(new URL('.', import.meta.url));

const projects: Project<GateOptions>[] = stages.map((stage) => ({
  name: stage,
  workers: 1,
  use: { stageName: stage },
  grepInvert: stages.length > 1 ? stages.filter((s) => s !== stage).map(stageTagPattern) : undefined,
}));

export default defineConfig<GateOptions>({
  testDir: here,
  testMatch: ['gate.spec.ts', 'custom/**/*.spec.ts'],
  globalSetup: join(here, 'global-setup.ts'),
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: Math.max(1, stages.length),
  timeout: 120_000,
  reporter: [[join(here, 'reporter.ts')], ['html', { outputFolder: join(settings.runDir, 'playwright-report'), open: 'never' }]],
  outputDir: join(settings.runDir, '.playwright'),
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  projects,
});
